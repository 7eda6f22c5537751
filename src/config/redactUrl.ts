/** A connection URL fit for a message: user and password left out. Text that is no URL is shown as its scheme only. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.username || url.password) {
      url.username = '';
      url.password = '';
    }
    return url.toString();
  } catch {
    return `${text.split(':')[0] ?? ''}:…`;
  }
}
