import { jest } from '@jest/globals';

const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Runs `work` with the console silenced, and answers every line it printed there (whether `work` failed or not). */
export async function consoleOutputOf(work: () => Promise<unknown>): Promise<string[]> {
  const printed: string[] = [];
  const spies = methods.map((name) =>
    jest.spyOn(console, name).mockImplementation((...args: unknown[]) => void printed.push(`console.${name}: ${args.map(String).join(' ')}`)),
  );
  try {
    await work().catch(() => undefined);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return printed;
}
