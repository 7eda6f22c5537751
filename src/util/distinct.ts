/**
 * The values, each once, in their order: the array itself when it repeats none. Most lists a read looks up are short
 * and repeat nothing, and a Set and a new array for each would be made for nothing.
 */
export function distinct<T>(values: readonly T[]): readonly T[] {
  if (values.length <= 16) {
    let repeats = false;
    for (let i = 1; i < values.length && !repeats; i++) repeats = values.lastIndexOf(values[i] as T, i - 1) >= 0;
    if (!repeats) return values;
  }
  return [...new Set(values)];
}
