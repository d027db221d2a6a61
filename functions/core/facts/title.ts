/**
 * A headline for untitled text, built from the lead sentence: datelines, parentheticals and
 * "is set to"-style auxiliaries are dropped, then the sentence is cut at a clause or phrase boundary
 * to at most `maxLength` characters.
 */
import { allMatches } from './matches.ts';

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

function longestCut(text: string, pattern: RegExp, maxLength: number, minLength: number): string {
  let best = '';
  for (const m of allMatches(pattern, text)) {
    const candidate = text.slice(0, m.index).trim();
    if (candidate.length <= maxLength && candidate.length > best.length) best = candidate;
  }
  return best.length >= minLength ? best.replace(/[,;:]$/, '') : '';
}

/** Headline style: no articles. */
function dropArticles(text: string): string {
  return text.replace(/(^|\s)(?:the|a|an|The|A|An)\s+/g, '$1');
}

export function headlineFrom(lead: string, maxLength = 90): string {
  let text = lead.trim().replace(DATELINE, '');
  text = text.replace(/\s*\([^)]*\)/g, '').replace(/\s+(?:--|—|–)\s+[^—–]*?\s+(?:--|—|–)\s+/g, ' ');
  if (text.length > maxLength) for (const [pattern, replacement] of AUXILIARIES) text = text.replace(pattern, replacement);
  text = text.replace(/\s+/g, ' ').replace(/[.!?;:,]+["'”’]?$/u, '').trim();
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
  return capitalise(`${cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;:]$/, '')}…`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
