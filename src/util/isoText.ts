/** How many texts isoText keeps: a power of two, so that a time's slot is its low bits. */
const slots = 512;
const times = new Float64Array(slots).fill(Number.NaN);
const texts: string[] = new Array<string>(slots).fill('');

/**
 * `date.toISOString()`, kept for the times it was asked for last. V8 makes the text in its runtime, and at about
 * half a microsecond a date it was most of what turning a cached profile into an entity cost (two datetimes an
 * entity). Kept by the date's time, in a slot of its own chosen by the time's low bits, so that a date changed after
 * it was asked for (Dates are mutable) gets the text of its new time; an invalid date throws, as toISOString does.
 */
export function isoText(date: Date): string {
  const time = date.getTime();
  const slot = time & (slots - 1);
  if (times[slot] === time) return texts[slot] as string;
  const text = date.toISOString();
  times[slot] = time;
  texts[slot] = text;
  return text;
}
