import type { CliIO } from '../../src/cli/CliIO.js';
import { runCli } from '../../src/cli/program.js';

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the `commerce` command line on buffers; `isTTY` says whether its stdout would be a terminal. */
export async function commerce(args: string[], stdin = '', isTTY = false): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), readStdin: () => Promise.resolve(stdin), isTTY };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
