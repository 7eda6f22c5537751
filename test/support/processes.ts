import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../src/config/packageRoot.js';

/** Whether a program is on the PATH. */
export function installed(program: string): boolean {
  return spawnSync(program, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A TCP port nothing listens on just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves when the process writes a line that `matches` (rejects if it ends first). */
export function lineFrom(child: ChildProcess, matches: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const line = seen.split('\n').find((l) => matches.test(l));
      if (line === undefined) return;
      child.stdout?.off('data', onData);
      resolve(line);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the process ended (${String(code)}) before writing ${String(matches)}; it wrote:\n${seen}`)));
  });
}

/** Resolves with the exit code, or with 'still running' (and ends the process) once `graceMs` have passed. */
export function exitOf(child: ChildProcess, graceMs: number): Promise<number | 'still running'> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('still running');
    }, graceMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
}

/** Runs a TypeScript script of test/support/child in a process of its own, on the sources. */
export function runChild(script: string, args: readonly string[]): ChildProcess {
  const register = join(packageRoot, 'test/support/child/registerTypeScript.mjs');
  return spawn(process.execPath, ['--import', register, join(packageRoot, 'test/support/child', script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A Redis server of its own for one test, with nothing saved to disk. */
export async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await lineFrom(redis, /Ready to accept connections/);
  return { url: `redis://127.0.0.1:${port}`, process: redis };
}
