function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known names nearest to a misspelt one, nearest first: at most three, none much farther than the best. */
export function closestNames(name: string, known: Iterable<string>): string[] {
  const wanted = name.toLowerCase();
  const limit = Math.max(3, Math.floor(name.length / 3));
  const near = [...known]
    .map((candidate) => ({ candidate, d: distance(wanted, candidate.toLowerCase()) }))
    .filter(({ d }) => d <= limit)
    .sort((x, y) => x.d - y.d || x.candidate.localeCompare(y.candidate));
  const best = near[0]?.d ?? 0;
  return near
    .filter(({ d }) => d <= best + 2)
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

/** ` Did you mean a or b?`, or nothing when no known name is near. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const near = closestNames(name, known);
  return near.length ? ` Did you mean ${near.join(' or ')}?` : '';
}
