/** `Address` → `An Address`, `UserProfile` → `A UserProfile` (a leading U is read "you"): for messages naming a kind of item. */
export function withArticle(name: string): string {
  return `${/^[AEIO]/i.test(name) ? 'An' : 'A'} ${name}`;
}
