/** Text up to its first line break: a message is one line, and an error's text may run on (a stack, a statement). */
export function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}
