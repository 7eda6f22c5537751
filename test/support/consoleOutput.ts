const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Runs `work` with the console silenced, and answers every line it printed there (whether `work` failed or not). */
export async function consoleOutputOf(work: () => Promise<unknown>): Promise<string[]> {
  const printed: string[] = [];
  const saved = methods.map((name) => [name, console[name]] as const);
  for (const name of methods) console[name] = (...args: unknown[]) => void printed.push(`console.${name}: ${args.map(String).join(' ')}`);
  try {
    await work().catch(() => undefined);
  } finally {
    for (const [name, original] of saved) console[name] = original;
  }
  return printed;
}
