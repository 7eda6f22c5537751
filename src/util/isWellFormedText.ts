const loneSurrogate = /\p{Surrogate}/u;

/** Whether text is well-formed Unicode: no lone surrogate, which each store would change its own way. */
export function isWellFormedText(text: string): boolean {
  return !loneSurrogate.test(text);
}
