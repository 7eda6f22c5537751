import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/config/packageRoot.js';
import { freePort, lineFrom } from './processes.js';

export interface ServeProcess {
  readonly process: ChildProcess;
  readonly url: string;
  /** Everything the process wrote to stdout (its access log) and stderr so far. */
  readonly output: { stdout: string; stderr: string };
}

const running = new Set<ChildProcess>();

/** Ends every `commerce serve` a test started and left running. */
export function killServeProcesses(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
}

/** Starts `commerce serve` (the built CLI, dist/) on an app root in a process of its own; resolves once it listens. */
export async function startServe(root: string, options: { args?: readonly string[]; env?: Record<string, string>; portOption?: boolean } = {}): Promise<ServeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(packageRoot, 'dist/src/cli/main.js'), 'serve', '--root', root, ...(options.portOption === false ? [] : ['--port', String(port)]), ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COMMERCE_LOG_LEVEL: 'info', ...options.env },
  });
  running.add(child);
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  try {
    const line = await lineFrom(child, /listening on http/);
    const url = /listening on (http:\/\/\S+)/.exec(line)?.[1] ?? `http://127.0.0.1:${String(port)}`;
    return { process: child, url, output };
  } catch (error) {
    throw new Error(`commerce serve did not start: ${String(error)}\n${output.stderr}`, { cause: error });
  }
}

/** POSTs a request's JSON form to /v1/processRequest. */
export async function processOver(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/v1/processRequest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
