/**
 * A headline for untitled text, built from the lead sentence: datelines, parentheticals and
 * "is set to"-style auxiliaries are dropped, then the sentence is cut at a clause or phrase boundary
 * to at most `maxLength` characters.
 */

const DATELINE = /^(?:[\p{Lu}][\p{L}.' -]{0,40},?\s*)?\((?:CNN|AP|Reuters|AFP|UPI)\)\s*(?:--|—|–|-)?\s*|^[\p{Lu}][\p{Lu}.' -]{2,40}(?:,\s*[\p{L}.' ]{2,30})?\s*(?:\([\p{L} ]+\))?\s*(?:--|—|–)\s*/u;

const AUXILIARIES: [RegExp, string][] = [
  [/\b(?:is|are) (?:set|expected|due|scheduled|poised|going) to\b/g, 'to'],
  [/\b(?:has|have) been\b/g, ''],
  [/\bwill\b/g, 'to'],
];

/** Cut points, best first: before these words the remaining words add detail a headline can lose. */
const CUT_BEFORE = /(?=,\s|;\s|\s(?:--|—|–)\s|\s(?:for|during|in|at|on|after|before|as|while|with|since|because|amid|despite|following|when|where|which|who|that|according)\s)/g;

export function headlineFrom(lead: string, maxLength = 90): string {
  let text = lead.trim().replace(DATELINE, '');
  text = text.replace(/\s*\([^)]*\)/g, '').replace(/\s+(?:--|—|–)\s+[^—–]*?\s+(?:--|—|–)\s+/g, ' ');
  if (text.length > maxLength) for (const [pattern, replacement] of AUXILIARIES) text = text.replace(pattern, replacement);
  text = text.replace(/\s+/g, ' ').replace(/[.!?;:,]+["'”’]?$/u, '').trim();
  if (text.length <= maxLength) return capitalise(text);
  let best = '';
  for (const m of text.matchAll(CUT_BEFORE)) {
    const candidate = text.slice(0, m.index).trim();
    if (candidate.length <= maxLength && candidate.length > best.length) best = candidate;
  }
  if (best.length >= 25) return capitalise(best.replace(/[,;:]$/, ''));
  const cut = text.slice(0, maxLength - 1);
  return capitalise(`${cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;:]$/, '')}…`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
