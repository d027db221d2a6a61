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

/** Clause boundaries: what follows adds circumstances a headline can lose. */
const CLAUSE_CUT = /(?=,\s|;\s|\s(?:--|—|–)\s|\s(?:which|who|while|after|before|as|because|when|where|since|amid|despite|following|according|although|though|but)\s)/g;
/** Phrase boundaries, used when no clause boundary fits. */
const PHRASE_CUT = /(?=\s(?:for|during|in|at|on|with|from|over|into|near|by|to|of)\s)/g;

const TRAILING_CLAUSE_MARK = /[,;:]$/;
const ARTICLE = /(^|\s)(?:the|a|an|The|A|An)\s+/g;
const PARENTHETICAL = /\s*\([^)]*\)/g;
const DASHED_ASIDE = /\s+(?:--|—|–)\s+[^—–]*?\s+(?:--|—|–)\s+/g;
/** White space other than a single space: replacing only these collapses every run to one space. */
const SPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;
const FINAL_PUNCTUATION = /[.!?;:,]+["'”’]?$/u;

/**
 * The longest start of `text` cut where the look-ahead `pattern` matches that fits in `maxLength`, or ''
 * when it is shorter than `minLength`. The cuts only get longer along the text, so the search stops at the
 * first one that does not fit.
 */
function longestCut(text: string, pattern: RegExp, maxLength: number, minLength: number): string {
  let best = '';
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const candidate = text.slice(0, m.index).trim();
    if (candidate.length > maxLength) break;
    if (candidate.length > best.length) best = candidate;
    // An empty match (a look-ahead) would be found again at the same place.
    if (m[0] === '') pattern.lastIndex = m.index + 1;
  }
  return best.length >= minLength ? best.replace(TRAILING_CLAUSE_MARK, '') : '';
}

/** Headline style: no articles. */
function dropArticles(text: string): string {
  return text.replace(ARTICLE, '$1');
}

export function headlineFrom(lead: string, maxLength = 90): string {
  let text = lead.trim().replace(DATELINE, '');
  text = text.replace(PARENTHETICAL, '').replace(DASHED_ASIDE, ' ');
  if (text.length > maxLength) for (const [pattern, replacement] of AUXILIARIES) text = text.replace(pattern, replacement);
  text = text.replace(SPACE_TO_COLLAPSE, ' ').replace(FINAL_PUNCTUATION, '').trim();
  if (text.length <= maxLength) return capitalise(text);
  const minLength = Math.min(40, maxLength / 2);
  const clause = longestCut(text, CLAUSE_CUT, maxLength, minLength);
  if (clause) return capitalise(clause);
  const terse = dropArticles(text);
  if (terse.length <= maxLength) return capitalise(terse);
  const terseClause = longestCut(terse, CLAUSE_CUT, maxLength, minLength);
  if (terseClause) return capitalise(terseClause);
  const phrase = longestCut(terse, PHRASE_CUT, maxLength, minLength);
  if (phrase) return capitalise(phrase);
  const cut = terse.slice(0, maxLength - 1);
  return capitalise(`${cut.slice(0, cut.lastIndexOf(' ')).replace(TRAILING_CLAUSE_MARK, '')}…`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
