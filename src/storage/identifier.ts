import { createHash } from 'node:crypto';

/** A SQL identifier of at most 64 characters (MySQL's limit): long ones keep a prefix and a hash. */
export function identifier(...parts: string[]): string {
  const name = parts.join('_');
  if (name.length <= 64) return name;
  return `${name.slice(0, 55)}_${createHash('sha1').update(name).digest('hex').slice(0, 8)}`;
}
