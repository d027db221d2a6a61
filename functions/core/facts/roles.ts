/**
 * Roles of people from the words around a name: a title before it ("Kazakh President Kassym-Jomart
 * Tokayev", "Iran’s acting President Mohammad Mokhbar", "actor Joe Bloggs") or an apposition after it
 * ("Jane Roe, the mayor of Springfield,").
 */
import { canonicalAlias, countryOfDemonym, DEMONYMS, isCountry } from './gazetteer.ts';
import { isSpaceCode, wordBeforeTrailingSpace } from './scan.ts';

/** Titles that head a role; longest first so "Prime Minister" wins over "Minister". */
const TITLES = [
  'Deputy Prime Minister', 'Prime Minister', 'Foreign Minister', 'Defense Minister', 'Defence Minister',
  'Finance Minister', 'Interior Minister', 'Health Minister', 'Justice Minister', 'Foreign Secretary',
  'Home Secretary', 'Health Secretary', 'Defense Secretary', 'Defence Secretary', 'Secretary of State',
  'Secretary-General', 'Secretary General', 'Director-General', 'Director General', 'Vice President',
  'Vice-President', 'Supreme Leader', 'Chief Executive', 'Chief Justice', 'Attorney General',
  'House Speaker', 'Crown Prince', 'Prime Minister-designate', 'President-elect', 'Chancellor', 'President',
  'Premier', 'King', 'Queen', 'Prince', 'Princess', 'Emperor', 'Pope', 'Minister', 'Secretary', 'Senator',
  'Sen.', 'Governor', 'Gov.', 'Mayor', 'Ambassador', 'General', 'Gen.', 'Commander', 'Chairman',
  'Chairwoman', 'Chair', 'CEO', 'Director', 'Judge', 'Justice', 'Speaker', 'Spokesman', 'Spokeswoman',
  'Spokesperson', 'Leader', 'Representative', 'Rep.', 'Congressman', 'Congresswoman', 'Archbishop',
  'Bishop', 'Cardinal', 'Sheriff', 'Prosecutor', 'Commissioner', 'Coach', 'Manager', 'Captain', 'Chief',
  'Professor', 'Prof.', 'Detective', 'Inspector', 'Lieutenant', 'Colonel', 'Sergeant', 'Admiral', 'Major',
  'Co-founder', 'Founder',
].sort((a, b) => b.length - a.length);

const TITLE_EXPANSIONS: Record<string, string> = {
  'Sen.': 'Senator', 'Gov.': 'Governor', 'Gen.': 'General', 'Rep.': 'Representative', 'Prof.': 'Professor',
  'Secretary General': 'Secretary-General', 'Director General': 'Director-General', 'Vice-President': 'Vice President',
};

/** Lower-case occupations that work as a title before a name ("actor Joe Bloggs"). */
const OCCUPATIONS = [
  'actor', 'actress', 'singer', 'rapper', 'star', 'model', 'author', 'writer', 'novelist', 'director',
  'producer', 'comedian', 'presenter', 'host', 'player', 'striker', 'midfielder', 'defender', 'goalkeeper',
  'coach', 'manager', 'boss', 'chef', 'lawyer', 'attorney', 'spokesman', 'spokeswoman', 'spokesperson',
  'specialist', 'expert', 'doctor', 'surgeon', 'professor', 'analyst', 'economist', 'scientist',
  'researcher', 'officer', 'detective', 'judge', 'senator', 'businessman', 'businesswoman', 'billionaire',
  'entrepreneur', 'founder', 'chairman', 'reporter', 'journalist', 'photographer', 'designer', 'artist',
  'musician', 'footballer', 'cricketer', 'golfer', 'boxer', 'driver', 'pilot', 'teacher', 'official',
  'politician', 'lawmaker', 'activist', 'campaigner', 'historian', 'president', 'minister', 'leader',
  'editor', 'champion', 'student', 'astronaut', 'engineer', 'nurse', 'soldier', 'chief',
].sort((a, b) => b.length - a.length);

/** Descriptive nouns that can sit before a generic occupation ("fertility specialist"). */
const DESCRIBED_OCCUPATIONS = new Set([
  'specialist', 'expert', 'analyst', 'official', 'scientist', 'researcher', 'consultant', 'correspondent',
  'editor', 'reporter', 'director', 'manager', 'coach', 'player', 'star', 'officer', 'economist', 'lawyer',
  'attorney', 'surgeon', 'doctor', 'designer', 'producer', 'activist', 'campaigner', 'chief',
]);

/** Whether a name is only a title or occupation ("Ambassador"), which taggers sometimes return alone. */
export function isTitleWord(name: string): boolean {
  return TITLE_WORDS.has(name.toLowerCase());
}

const TITLE_WORDS = new Set([...TITLES.map((t) => t.toLowerCase()), ...OCCUPATIONS]);

/** Last words of every title and occupation, lower-cased: the cheap test before the patterns. */
const TITLE_LAST_WORDS = new Set([...TITLES, ...OCCUPATIONS].map((t) => (t.split(' ').pop() as string).toLowerCase()));

const MODIFIERS: readonly string[] = ['acting', 'former', 'interim', 'deputy', 'outgoing', 'incoming', 'late', 'then', 'current', 'ex'];

const HONORIFIC = /(?:^|\s)(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Rev|Mx)\.?\s+$/;
/** The last word of a window that HONORIFIC can match. */
const HONORIFIC_WORD = /^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Rev|Mx)\.?$/;

/** The window before a name without an honorific right before the name ("President Mr. " → "President "). */
export function withoutHonorific(before: string): string {
  return withoutHonorificAfter(before, wordBeforeTrailingSpace(before));
}

/** `withoutHonorific` given the window's last word (see `wordBeforeTrailingSpace`). */
function withoutHonorificAfter(before: string, last: string | undefined): string {
  // HONORIFIC, tried from every position, can only match when the window's last word is an honorific.
  return last !== undefined && HONORIFIC_WORD.test(last) ? before.replace(HONORIFIC, ' ') : before;
}

/** Words that can never qualify a role, even capitalised at the start of a sentence. */
const STOP = new Set([
  'the', 'a', 'an', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'as',
  'said', 'says', 'told', 'his', 'her', 'their', 'its', 'our', 'this', 'that', 'then', 'when', 'while',
  'after', 'before', 'also', 'new', 'who', 'which', 'is', 'was', 'are', 'were', 'be', 'has', 'had', 'have',
  'include', 'includes', 'including', 'like', 'only', 'even', 'both', 'former', 'not', 'despite', 'it',
]);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const TITLE_AT_END = new RegExp(`(?:^|[^A-Za-z\\u00C0-\\u024F])(${TITLES.map(escape).join('|')})\\s+$`, 'i');
const OCCUPATION_AT_END = new RegExp(`(?:^|[^A-Za-z\\u00C0-\\u024F-])(${OCCUPATIONS.join('|')})\\s+$`, '');
const MODIFIER_AT_END = new RegExp(`(?:^|[^A-Za-z\\u00C0-\\u024F])(${MODIFIERS.join('|')})-?\\s*$`, 'i');
const DEMONYM_AT_END = new RegExp(`(?:^|[^A-Za-z\\u00C0-\\u024F])(${DEMONYMS.map(escape).join('|')})\\s+$`, '');
const POSSESSIVE_AT_END = /(?:^|[^A-Za-z\u00C0-\u024F.])((?:[A-Z\u00C0-\u00D6\u00D8-\u00DE][A-Za-z\u00C0-\u024F.&-]*\s+){0,3}[A-Z\u00C0-\u00D6\u00D8-\u00DE][A-Za-z\u00C0-\u024F.&-]*)['’]s?\s+$/;
const NAME_AT_END = /(?:^|[^A-Za-z\u00C0-\u024F.])((?:[A-Z\u00C0-\u00D6\u00D8-\u00DE][A-Za-z\u00C0-\u024F.&-]*\s+(?:of\s+(?:the\s+)?)?){0,3}[A-Z\u00C0-\u00D6\u00D8-\u00DE][A-Za-z\u00C0-\u024F.&-]*)\s+$/;
const APPOSITION = new RegExp(
  `^\\s*,\\s+(?:the\\s+|a\\s+|an\\s+)?((?:(?:${MODIFIERS.join('|')})\\s+)?)` +
    `((?:[A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE][A-Za-z\\u00C0-\\u024F.-]*\\s+){0,3})(${TITLES.map(escape).join('|')})` +
    `(?:\\s+of\\s+((?:the\\s+)?[A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE][A-Za-z\\u00C0-\\u024F.’'-]*(?:\\s+(?:of\\s+|and\\s+|for\\s+)?[A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE][A-Za-z\\u00C0-\\u024F.’'-]*){0,5}))?\\s*[,.;)]`,
  'i',
);

/** Countries whose names take "the". */
const THE_COUNTRY = /^(?:United |Czech |Dominican |Central African |Democratic |Netherlands$|Philippines$|Maldives$|Bahamas$|Gambia$|Ivory Coast$)/;

/** "the United Nations", "the United States", but "Russia" and "Belarus". */
function withArticle(name: string): string {
  if (/^the\s/i.test(name)) return name.replace(/^The\s/, 'the ');
  if (isCountry(name)) return THE_COUNTRY.test(name) ? `the ${name}` : name;
  if (/\b(?:Nations|States|Emirates|Islands|Forces|Olympics|Games|Commons|Lords|Americas)$/.test(name)) return `the ${name}`;
  if (/\b(?:Union|Kingdom|Republic|Organization|Organisation|Council|Party|Association|Federation|Bank|Fund|Committee|Department|Ministry|Agency|Office|Court|House|Senate|Church|Army|Navy|Commission|Emirates|Assembly)\b|\bof\b/.test(name)) {
    return `the ${name}`;
  }
  return name;
}

function titleCase(title: string): string {
  const known = TITLES.find((t) => t.toLowerCase() === title.toLowerCase()) ?? title;
  if (known === title && /^[A-Z][a-z]+ /.test(title)) {
    // "Culture Minister": the portfolio word stays, the title itself is normalised.
    const head = title.slice(title.indexOf(' ') + 1);
    return `${title.slice(0, title.indexOf(' '))} ${titleCase(head)}`;
  }
  return TITLE_EXPANSIONS[known] ?? known;
}

function qualifierName(raw: string, modifiers: string[] = []): string | undefined {
  const words = raw.trim().split(/\s+/);
  const leading: string[] = [];
  while (words.length > 0) {
    const word = (words[0] as string).toLowerCase();
    if (MODIFIERS.includes(word)) leading.push(word);
    else if (!STOP.has(word)) break;
    words.shift();
  }
  modifiers.unshift(...leading);
  if (words.length === 0) return undefined;
  const name = words.join(' ');
  return canonicalAlias(name) ?? name;
}

/**
 * The modifiers, lower-cased, and the title as one role: what `[...modifiers, title].join(' ')` gives.
 * A loop rather than a spread of a mapped array: an optimised `map` returns an array of another kind than
 * the interpreter's, which threw away the compiled code of the next function to read it.
 */
function withModifiers(modifiers: readonly string[], title: string): string {
  let text = '';
  for (let i = 0; i < modifiers.length; i++) text += `${(modifiers[i] as string).toLowerCase()} `;
  return text + title;
}

function compose(modifiers: string[], title: string, of: string | undefined): string {
  const head = withModifiers(modifiers, titleCase(title));
  return of ? `${head} of ${withArticle(of)}` : head;
}

/**
 * The role stated for the name at `[start, end)` of `sentence`, if any.
 * Titles before the name win over appositions after it.
 */
export function roleAt(sentence: string, start: number, end: number): string | undefined {
  const before = sentence.slice(Math.max(0, start - 90), start);
  // Most names have neither a title word right before them nor a comma right after: skip the patterns.
  const last = wordBeforeTrailingSpace(before);
  const prefix = withoutHonorificAfter(before, last);
  // Without an honorific the window is unchanged, and so is its last word.
  const previous = prefix === before ? last : wordBeforeTrailingSpace(prefix);
  const titled = previous !== undefined && TITLE_LAST_WORDS.has(previous.toLowerCase());
  // Only the words next to the name matter; bounded windows keep the end-anchored patterns cheap.
  const afterEnd = end + APPOSITION_WINDOW;
  if (!titled) return commaFollows(sentence, end, afterEnd) ? appositionAfter(sentence.slice(end, afterEnd)) : undefined;
  return titleBefore(prefix) ?? appositionAfter(sentence.slice(end, afterEnd));
}

/** How far after a name an apposition is looked for. */
const APPOSITION_WINDOW = 160;

/** Whether a comma follows `from` in `text` after white space only, before `limit` (what /^\s*,/ tests). */
function commaFollows(text: string, from: number, limit: number): boolean {
  const stop = Math.min(limit, text.length);
  for (let i = from; i < stop; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2c) return true;
    if (!isSpaceCode(code)) return false;
  }
  return false;
}

function takeModifiers(prefix: string, into: string[]): string {
  let rest = prefix;
  for (let m = MODIFIER_AT_END.exec(rest); m; m = MODIFIER_AT_END.exec(rest)) {
    into.unshift((m[1] as string).toLowerCase());
    rest = rest.slice(0, m.index + m[0].length - m[0].trimStart().length);
  }
  return rest;
}

/**
 * Capitalised words that narrow a title rather than name who it belongs to: "Culture Minister",
 * "Managing Director", "District Judge", "Shadow Home Secretary".
 */
const PORTFOLIO_WORDS = new Set(
  ('Culture Health Education Finance Foreign Defence Defense Interior Home Justice Trade Energy Environment Transport ' +
    'Communities Business Labour Labor Treasury Immigration Agriculture Economy Economic Sports Sport Tourism Housing ' +
    'Managing Executive District Circuit Supreme High Chief Deputy Assistant Associate Senior Junior Shadow Opposition ' +
    'Majority Minority Commanding Police Fire Press Communications Creative Technical Artistic Medical Science Digital ' +
    'Security Intelligence Development Veterans Culture Media Women Equalities Work Pensions Welfare Industry Team Club').split(' '),
);

function takePortfolio(rest: string, title: string): { rest: string; title: string } {
  let r = rest;
  let t = title;
  for (let k = 0; k < 2; k++) {
    const w = /(?:^|\s)([A-Z][a-z]+)\s+$/.exec(r);
    if (!w || !PORTFOLIO_WORDS.has(w[1] as string)) break;
    t = `${w[1]} ${t}`;
    r = r.slice(0, w.index + w[0].length - w[0].trimStart().length);
  }
  return { rest: r, title: t };
}

/** The role a title at the end of `prefix` (the window before the name, honorific removed) states. */
function titleBefore(prefix: string): string | undefined {
  const title = TITLE_AT_END.exec(prefix);
  if (!title) return occupationBefore(prefix);
  const portfolio = takePortfolio(prefix.slice(0, title.index + title[0].length - title[0].trimStart().length), title[1] as string);
  const titleText = portfolio.title;
  const modifiers: string[] = [];
  let rest = takeModifiers(portfolio.rest, modifiers);
  let of: string | undefined;
  const demonym = DEMONYM_AT_END.exec(rest);
  const possessive = demonym ? null : POSSESSIVE_AT_END.exec(rest);
  const name = demonym || possessive ? null : NAME_AT_END.exec(rest);
  const qualifier = demonym ?? possessive ?? name;
  if (demonym) of = countryOfDemonym(demonym[1] as string);
  else if (possessive) of = qualifierName(possessive[1] as string);
  else if (name) of = qualifierName(name[1] as string, modifiers);
  if (qualifier && of) {
    rest = rest.slice(0, qualifier.index + qualifier[0].length - qualifier[0].trimStart().length);
    takeModifiers(rest, modifiers);
  }
  // A lower-case "president" with no qualifier is prose ("the president said"), not a title; a lower-case
  // title of several words is one ("chief executive Sam Altman"), and so is an occupation ("sacked
  // manager Erik ten Hag").
  if (!of && !/^\p{Lu}/u.test(titleText)) {
    return titleText.includes(' ') ? withModifiers(modifiers, titleText).toLowerCase() : occupationBefore(prefix);
  }
  return compose(modifiers, titleText, of);
}

function occupationBefore(prefix: string): string | undefined {
  const occupation = OCCUPATION_AT_END.exec(prefix);
  if (!occupation) return undefined;
  const word = occupation[1] as string;
  if (word === 'president' || word === 'minister' || word === 'leader') return undefined;
  if (DESCRIBED_OCCUPATIONS.has(word)) {
    const head = prefix.slice(0, occupation.index + occupation[0].length - occupation[0].trimStart().length);
    const descriptor = /(?:^|\s)(\p{Ll}[\p{Ll}-]{2,})\s+$/u.exec(head);
    if (descriptor && !STOP.has(descriptor[1] as string) && !/(?:ly|ed)$/.test(descriptor[1] as string)) {
      return `${descriptor[1]} ${word}`;
    }
  }
  return word;
}

function appositionAfter(after: string): string | undefined {
  const m = APPOSITION.exec(after);
  if (!m) return undefined;
  // One array literal, filled by push: two literals (one empty) gave arrays of two kinds.
  const modifiers: string[] = [];
  const modifier = (m[1] ?? '').trim();
  if (modifier) modifiers.push(modifier);
  let qualifierRaw = (m[2] ?? '').trim().replace(/^(?:his|her|their|its|our|my|your)\s+/i, '');
  let title = m[3] as string;
  // Lower-case or portfolio words before the title narrow it ("team chairman", "managing director").
  const words = qualifierRaw.split(/\s+/).filter(Boolean);
  if (words.length > 0 && words.every((w) => /^[a-z]/.test(w) || PORTFOLIO_WORDS.has(w))) {
    title = `${qualifierRaw} ${title}`;
    qualifierRaw = '';
  }
  let of = m[4] ? qualifierName(m[4].replace(/^the\s+/i, '')) : undefined;
  if (!of && qualifierRaw) {
    const possessive = /^(.*?)['’]s?$/u.exec(qualifierRaw);
    const q = possessive ? (possessive[1] as string) : qualifierRaw;
    of = countryOfDemonym(q) ?? qualifierName(q);
  }
  if (!of && /^[a-z]/.test(title)) return withModifiers(modifiers, title).toLowerCase();
  return compose(modifiers, title, of);
}
