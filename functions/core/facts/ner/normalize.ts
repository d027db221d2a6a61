const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u00AB': '"', '\u00BB': '"', '\u2033': '"',
  '\u2013': '--', '\u2014': '--', '\u2212': '-', '\u2010': '-', '\u2011': '-',
  '\u2026': '...', '\u00A0': ' ',
};
const SPECIAL = /[\u2018\u2019\u201A\u201B\u2032\u201C\u201D\u201E\u00AB\u00BB\u2033\u2013\u2014\u2212\u2010\u2011\u2026\u00A0]/g;

/**
 * The form of a token the model sees: typographic quotes, dashes and ellipses as the ASCII that
 * Reuters 1996 (the training data) used, so "Iran’s" and "Iran's" tag alike.
 */
export function normalizeToken(token: string): string {
  for (let i = 0; i < token.length; i++) {
    if (token.charCodeAt(i) > 127) return token.replace(SPECIAL, (ch) => REPLACEMENTS[ch] ?? ch);
  }
  return token;
}
