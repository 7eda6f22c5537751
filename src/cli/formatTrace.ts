import type { TraceEntry } from '../index.js';
import { formatTable } from './formatTable.js';

/** One operation's trace as the demo prints it: each component run with its time and SQL statements, then the total. */
export function formatTrace(trace: readonly TraceEntry[], indent = '   '): string {
  const rows = trace.map((t) => [t.component, t.durationMs, t.sqlStatements] as const);
  const total = ['total', trace.reduce((s, t) => s + t.durationMs, 0), trace.reduce((s, t) => s + t.sqlStatements, 0)] as const;
  return formatTable(['component', 'ms', 'SQL'], [...rows, total], indent);
}
