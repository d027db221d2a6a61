/**
 * All matches of a global pattern, as `text.matchAll(pattern)` gives them. matchAll copies the pattern
 * on every call; for the large combined date and quantity patterns, run on each sentence, the copy
 * cost more than the search. This runs the shared pattern itself, from the start of `text`.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError('allMatches needs a global pattern');
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    matches.push(m);
    // An empty match would be found again at the same place: step over one character, as matchAll does.
    if (m[0] === '') pattern.lastIndex = nextIndex(text, pattern.lastIndex, pattern.flags.includes('u') || pattern.flags.includes('v'));
  }
  return matches;
}

function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}
