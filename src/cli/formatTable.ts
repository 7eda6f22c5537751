/** Rows as aligned columns; a column of numbers is right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[], indent = '  '): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => (typeof cell === 'number' ? cell.toFixed(Number.isInteger(cell) ? 0 : 1) : cell)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    indent + row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('   ').trimEnd();
  const rule = indent + widths.map((w) => '─'.repeat(w)).join('   ');
  return [line(cells[0] ?? []), rule, ...cells.slice(1).map(line)].join('\n');
}
