const loneSurrogate = /\p{Surrogate}/u;

export const notWellFormedText = 'is not well-formed Unicode text (it holds a lone surrogate)';

/** Whether text is well-formed Unicode: no lone surrogate, which each store would change its own way. */
export function isWellFormedText(text: string): boolean {
  return !loneSurrogate.test(text);
}
