/** Where a command writes, and where `-` reads from: the process's streams, or a test's buffers. */
export interface CliIO {
  /** The command's output: for `request`, only ever the response. */
  out(text: string): void;
  /** Problems, faults and errors, one clear line each. */
  err(text: string): void;
  readStdin(): Promise<string>;
  /** Whether `out` reaches a terminal (a person) rather than a pipe or a file (a program). */
  readonly isTTY: boolean;
}

export const processIO: CliIO = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  // Off a terminal isTTY is undefined, whatever @types/node says.
  isTTY: (process.stdout.isTTY as boolean | undefined) === true,
};

/** Exit codes: 0 done, 1 a fault, an error or configuration problems, 2 a usage error (the command line itself is wrong). */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;
