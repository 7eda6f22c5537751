import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempApp {
  readonly root: string;
  /** Writes a file under the root (objects as JSON). */
  write(relativePath: string, content: unknown): void;
  remove(): void;
}

/** An application folder in the temp dir, with the given files written under it. */
export function tempApp(files: Record<string, unknown> = {}): TempApp {
  const root = mkdtempSync(join(tmpdir(), 'cf-app-'));
  const app: TempApp = {
    root,
    write(relativePath, content) {
      const path = join(root, relativePath);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  for (const [path, content] of Object.entries(files)) app.write(path, content);
  return app;
}

export function sequenceFile(...components: (string | { name: string; enabled?: boolean; configuration?: unknown })[]) {
  return { components: components.map((c) => (typeof c === 'string' ? { name: c } : c)) };
}
