/**
 * Canonical entities from mentions: a surname joins the full name ("Putin" → "Vladimir Putin"), an
 * acronym joins its expansion ("SCO" ↔ "Shanghai Cooperation Organization"), a known abbreviation its
 * country ("U.S." → "United States"); each entity counts its mentions and keeps its first sentence.
 * People get the role stated next to any of their mentions.
 */
import { canonicalAlias, countryOfDemonym, headType, isCountry, isKnownOrganization, isOrganizationHead } from './gazetteer.ts';
import type { EntityType, Mention } from './mentions.ts';
import { allMatches } from './matches.ts';
import { isTitleWord, roleAt } from './roles.ts';
import type { EntityFact, PersonFact } from './types.ts';

export interface CanonicalEntities {
  people: PersonFact[];
  places: EntityFact[];
  organizations: EntityFact[];
}

/** A mention's text cleaned into a name, with its key (see `entityKey`). */
interface CleanName {
  name: string;
  wordCount: number;
  key: string;
  keyWords: string[];
}

interface Cluster {
  name: string;
  /** Mention counts by type, indexed by `typeIndex`. */
  votes: number[];
  /**
   * What decides the entity's type: its mentions' words by type, so a few tagging errors do not change
   * what the entity is, and a long mention ("Daily Mirror", ORG) outweighs a short one ("Mirror", PER).
   */
  typeWeight: number[];
  forms: Map<string, number>;
  mentions: number;
  firstSentence: number;
  firstOffset: number;
  roles: { role: string; sentence: number }[];
  /** Set when the name is an expansion the article or the alias table gave. */
  fixedName: boolean;
  /** Words of the name's key, for surname matching. */
  keyWords: string[];
  isPerson: boolean;
  /** See `fixedTypeOf`: the name never changes, so neither does this. */
  fixedType: EntityType | '';
}

/** Names of groups of people (religions, nationalities in the plural) that taggers return as entities. */
const GROUP_WORDS = new Set([
  'muslim', 'muslims', 'christian', 'christians', 'jew', 'jews', 'jewish', 'hindu', 'hindus', 'sikh', 'sikhs', 'buddhist',
  'buddhists', 'catholic', 'catholics', 'protestant', 'protestants', 'islamic', 'islamist', 'islamists', 'arab', 'arabs',
  'sunni', 'sunnis', 'shia', 'shiite', 'shiites', 'westerners', 'europeans', 'africans', 'asians', 'latinos',
]);

/** Letters after a name that are honours or posts, not people: "QC", "MP". */
const POST_NOMINALS = new Set(['qc', 'kc', 'mp', 'mep', 'msp', 'obe', 'mbe', 'cbe', 'phd', 'md', 'esq', 'jr', 'sr']);

/** Whether a one-word name is a people group, a demonym or a post-nominal rather than an entity. */
function isGroupOrHonour(name: string): boolean {
  if (name.includes(' ')) return false;
  const lower = name.toLowerCase();
  if (GROUP_WORDS.has(lower) || POST_NOMINALS.has(lower)) return true;
  return countryOfDemonym(name) !== undefined || (name.endsWith('s') && countryOfDemonym(name.slice(0, -1)) !== undefined);
}

/** Compass words and other generic regions that are not places of their own. */
const GENERIC_NAMES = new Set(['west', 'east', 'north', 'south', 'western', 'eastern', 'northern', 'southern', 'the west', 'the east']);

const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'de', 'du', 'des', 'la', 'le', 'on', 'in', 'to', '&']);

/** Stray punctuation at the end of a name, unless it closes an initial ("J."). */
const TRAILING_PUNCTUATION = /(?<!\b\p{Lu})[^\p{L}\p{N}.)]+$/u;
/** The cheap test for it: the last character alone (two code units, for a pair outside the BMP). */
const ENDS_IN_PUNCTUATION = /[^\p{L}\p{N}.)]$/u;

/**
 * Names that `cleanName` leaves as they are: letters or digits at both ends, words parted by single
 * spaces, no leading article or honorific, no possessive and no connector at the end. Most mentions
 * are such names, and one test of this costs less than the six replacements that would change nothing.
 */
const CLEAN_NAME =
  /^(?!(?:the|The|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady)\.? )[\p{L}\p{N}](?:[\p{L}\p{N}.&'’-]| (?!(?:of|and|the|The|in|at|for|on|With|And|Of|In|On|At|For|From|To|As|By)$)(?=[\p{L}\p{N}]))*[\p{L}\p{N}](?<!['’]s)$/u;

/** Removes possessives, a leading article and stray punctuation from a mention. */
export function cleanName(text: string): string {
  if (CLEAN_NAME.test(text)) return text;
  let name = text
    .replace(/\s+/g, ' ')
    .replace(/['’]s?$/u, '')
    .replace(/^(?:the|The)\s+/, '')
    .replace(/^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady)\.?\s+(?=\p{Lu})/u, '')
    .replace(/\s+(?:of|and|the|The|in|at|for|on|With|And|Of|In|On|At|For|From|To|As|By)$/, '')
    .replace(/^[^\p{L}\p{N}]+/u, '');
  // End-anchored patterns are tried from every position of the name: look at its last character first.
  if (ENDS_IN_PUNCTUATION.test(name.slice(-2))) name = name.replace(TRAILING_PUNCTUATION, '');
  if (name.endsWith('.')) name = name.replace(/(?<!\b\p{Lu})\.$/u, '');
  return name.trim();
}

const ASCII = /^[\x00-\x7f]*$/;

/** Diacritics, case and dots do not distinguish two names. */
/** ASCII words parted by single spaces, without dots: names whose key is just their lower case. */
const PLAIN_ASCII_NAME = /^[\x21-\x2d\x2f-\x7f]+(?: [\x21-\x2d\x2f-\x7f]+)*$/;

export function nameKey(name: string): string {
  if (PLAIN_ASCII_NAME.test(name)) return name.toLowerCase();
  // Unicode decomposition is slow and changes nothing in ASCII, which most names are.
  const folded = ASCII.test(name) ? name : name.normalize('NFD').replace(/\p{M}/gu, '');
  return folded.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();
}

/** `wordsOf(name).length`, without making the words. */
function countWords(name: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < name.length; i++) {
    const space = name.charCodeAt(i) === 0x20;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

function wordsOf(name: string): string[] {
  const words: string[] = [];
  for (const word of name.split(' ')) if (word !== '') words.push(word);
  return words;
}

/**
 * One word with a capital inside ("OpenAI", "KeyCorp", "ChatGPT") names a company or a product: in
 * CoNLL-2003 train, 19 such names are organisations and 5 other names, none a person or a place.
 * Surname and given-name prefixes ("McDonald", "DeShawn", "LeBron", "DiCaprio") are left out.
 */
function isCamelCase(word: string): boolean {
  return /^\p{Lu}\p{Ll}+\p{Lu}/u.test(word) && !/^(?:Mc|Mac|De|Da|Di|Du|La|Le|Van|Von)\p{Lu}/u.test(word);
}

/** Company legal forms after a name: "Apple Inc." is the "Apple" of the next sentence. */
const LEGAL_FORM = / (?:inc|corp|ltd|llc|plc|gmbh|ag|nv)$/;

/** The key two mentions of one entity share (see `Keys.entityKey`): `nameKey` without a company's legal form. */
function withoutLegalForm(key: string): string {
  return key.includes(' ') ? key.replace(LEGAL_FORM, '') : key;
}

/** `nameKey` and `entityKey` computed once per distinct text: an article names the same entities over and over. */
class Keys {
  private readonly names = new Map<string, string>();
  private readonly entities = new Map<string, string>();

  nameKey(text: string): string {
    let key = this.names.get(text);
    if (key === undefined) this.names.set(text, (key = nameKey(text)));
    return key;
  }

  entityKey(text: string): string {
    let key = this.entities.get(text);
    if (key === undefined) this.entities.set(text, (key = withoutLegalForm(this.nameKey(text))));
    return key;
  }
}

/** "Shanghai Cooperation Organization" → "SCO"; connectors are skipped, hyphenated words give each part. */
export function initialsOf(name: string): string {
  // A plain loop: the chain of array methods it replaces was a large function to compile.
  let initials = '';
  for (const word of name.split(' ')) {
    if (word === '' || CONNECTORS.has(word.toLowerCase())) continue;
    for (const part of word.split('-')) initials += part.charAt(0);
  }
  return initials.toUpperCase();
}

export function isAcronym(name: string): boolean {
  if (name.includes(' ')) return false; // the cheap test for most names
  return /^(?:\p{Lu}\.?){2,7}$/u.test(name.replace(/[-&]/g, ''));
}

/** A capitalised run and the acronym in brackets after it. */
const ACRONYM_DEFINITION = /((?:\p{Lu}[\p{L}'’-]*\s+(?:(?:of|and|for|the|de|on)\s+)*){1,9})\((\p{Lu}[\p{Lu}0-9&-]{1,7})\)/gu;

/** Acronyms the article defines itself: "Shanghai Cooperation Organization (SCO)". */
export function definedAcronyms(sentences: readonly string[]): Map<string, string> {
  const defined = new Map<string, string>();
  for (const sentence of sentences) {
    if (!sentence.includes('(')) continue;
    for (const m of allMatches(ACRONYM_DEFINITION, sentence)) {
      const acronym = m[2] as string;
      const words = wordsOf((m[1] as string).trim());
      // The expansion is the shortest tail of the capitalised run whose initials spell the acronym.
      for (let start = words.length - 1; start >= 0; start--) {
        const candidate = words.slice(start).join(' ');
        if (CONNECTORS.has((words[start] as string).toLowerCase())) continue;
        if (initialsOf(candidate) === acronym.replace(/[-&0-9]/g, '')) {
          defined.set(acronym, candidate);
          break;
        }
      }
    }
  }
  return defined;
}

/** A cluster without mentions yet; `keyWords` are the words of the name's `entityKey`. */
function newCluster(name: string, keyWords: string[], fixedName: boolean, isPerson: boolean): Cluster {
  return {
    name,
    keyWords,
    isPerson,
    fixedType: fixedTypeOf(name),
    votes: [0, 0, 0, 0],
    typeWeight: [0, 0, 0, 0],
    forms: new Map(),
    mentions: 0,
    firstSentence: Number.POSITIVE_INFINITY,
    firstOffset: 0,
    roles: [],
    fixedName,
  };
}

/*
 * Counts by type are arrays indexed by the type, not objects with a field per type. V8 compiles code
 * that reads a field never written since the object was made as if it could not change; the first
 * MISC mention after that (votes.MISC++) threw away every optimised function that read the counts.
 */
const PER = 0;
const LOC = 1;
const ORG = 2;
const MISC = 3;
/** Index by the type's first letter minus 'L': LOC, MISC, -, ORG, PER. */
const TYPE_INDEX_BY_INITIAL = [LOC, MISC, MISC, ORG, PER];

/**
 * The index of a type in `votes` and `typeWeight`. Read from its first letter rather than by name or
 * with comparisons: a type the compiled code had not seen yet takes the same path as the others.
 */
function typeIndex(type: EntityType): number {
  return TYPE_INDEX_BY_INITIAL[type.charCodeAt(0) - 76] as number;
}

function addMention(cluster: Cluster, type: EntityType, form: string, wordCount: number, sentence: number, offset: number): void {
  const t = typeIndex(type);
  (cluster.votes[t] as number)++;
  (cluster.typeWeight[t] as number) += wordCount;
  cluster.forms.set(form, (cluster.forms.get(form) ?? 0) + 1);
  cluster.mentions++;
  if (sentence < cluster.firstSentence || (sentence === cluster.firstSentence && offset < cluster.firstOffset)) {
    cluster.firstSentence = sentence;
    cluster.firstOffset = offset;
  }
}

/**
 * An offset after every mention of a sentence. A small integer, not Number.MAX_SAFE_INTEGER: a field
 * that once held a small integer and then a larger number changes the shape of every cluster, which
 * throws away the compiled code of all the functions that handle clusters.
 */
const AFTER_EVERY_OFFSET = 0x3fffffff;

/**
 * The type a name has whatever its mentions say: a country is a place, a known international body an
 * organisation; '' for other names.
 */
function fixedTypeOf(name: string): EntityType | '' {
  if (isCountry(name)) return 'LOC';
  if (isKnownOrganization(name)) return 'ORG';
  return '';
}

/** The type with the most weight; equal weights are settled in the order PER, ORG, LOC, MISC. */
function typeOf(cluster: Cluster): EntityType {
  if (cluster.fixedType !== '') return cluster.fixedType;
  const weight = cluster.typeWeight;
  let best: EntityType = 'PER';
  let top = weight[PER] as number;
  if ((weight[ORG] as number) > top) {
    best = 'ORG';
    top = weight[ORG] as number;
  }
  if ((weight[LOC] as number) > top) {
    best = 'LOC';
    top = weight[LOC] as number;
  }
  if ((weight[MISC] as number) > top) best = 'MISC';
  return best;
}


function bestRole(cluster: Cluster): string | undefined {
  const stated = [...cluster.roles].sort((a, b) => Number(/ of /.test(b.role)) - Number(/ of /.test(a.role)) || a.sentence - b.sentence);
  return stated[0]?.role;
}

/** The other ways the article wrote an entity's name ("Apple" beside "Apple Inc"). */
function aliasesOf(cluster: Cluster, keys: Keys): string[] {
  const nameKeyed = keys.nameKey(cluster.name);
  const seen = new Set([nameKeyed]);
  const aliases: string[] = [];
  for (const form of cluster.forms.keys()) {
    const key = keys.nameKey(form);
    if (seen.has(key) && form !== cluster.name && !aliases.includes(form) && nameKeyed === key && form.includes('.')) {
      aliases.push(form); // "U.S." next to "US": keep the dotted spelling the article used
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    aliases.push(form);
  }
  return aliases;
}

// Facts are written out field by field, in one order, rather than spread from one another: a spread
// with a field added was the slowest line of canonicalize.

function entityFact(cluster: Cluster, aliases: string[], mentions: number): EntityFact {
  return { name: cluster.name, aliases, mentions, firstSentence: cluster.firstSentence };
}

function personFact(cluster: Cluster, aliases: string[], role: string | undefined): PersonFact {
  if (role === undefined) return entityFact(cluster, aliases, cluster.mentions);
  return { name: cluster.name, aliases, mentions: cluster.mentions, firstSentence: cluster.firstSentence, role };
}

/** A mention that is a name: the type the checks below settle on, and its cleaned name. */
interface NamedMention extends CleanName {
  mention: Mention;
  type: EntityType;
}

/** The clusters of an article so far, by key, and the people among them. */
interface Clusters {
  byKey: Map<string, Cluster>;
  people: Cluster[];
  keys: Keys;
}

/*
 * canonicalize runs once per article; its steps are functions of their own, each compiled on its own.
 * A step that meets a case the compiled code has not seen is then the only one compiled again, not the
 * whole of canonicalize with every helper inlined into it.
 */

/**
 * Merges mentions into canonical people, places and organisations, in order of first mention.
 * MISC mentions are used for merging but not returned.
 */
export function canonicalize(mentions: readonly Mention[], sentences: readonly string[]): CanonicalEntities {
  const acronyms = definedAcronyms(sentences);
  const clusters: Clusters = { byKey: new Map(), people: [], keys: new Keys() };
  const named = namedMentions(mentions, clusters.keys);
  clusterFullNames(named, clusters);
  for (let i = 0; i < named.length; i++) clusterMention(named[i] as NamedMention, acronyms, sentences, clusters);
  mergeAcronyms(clusters.byKey);
  mergeShortForms(clusters.byKey);
  addPlacesOfRoles(clusters);
  return factsOf(clusters);
}

/**
 * The mentions that are names, each cleaned and with its type settled (see `typeByForm` and
 * `isSurnameOfPerson`); mentions repeat, so each distinct text is cleaned once.
 *
 * Each type is settled before its mention is made, never changed after: V8 compiles code that reads a
 * field nobody has written since the object was made as if it could not change, and the first change
 * (a rare retyping) threw away every optimised function that read mentions.
 */
function namedMentions(mentions: readonly Mention[], keys: Keys): NamedMention[] {
  const cleaned = new Map<string, CleanName | null>();
  const names: Mention[] = [];
  const cleans: CleanName[] = [];
  const formTypes: EntityType[] = [];
  // One-word names tagged as people: the surnames of `isSurnameOfPerson`.
  const personWords = new Set<string>();
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i] as Mention;
    let clean = cleaned.get(mention.text);
    if (clean === undefined) {
      clean = cleanMention(mention.text, keys);
      cleaned.set(mention.text, clean);
    }
    if (clean === null) continue;
    const type = typeByForm(mention.type, clean);
    if (type === 'PER' && clean.wordCount === 1) personWords.add(clean.key);
    names.push(mention);
    cleans.push(clean);
    formTypes.push(type);
  }
  const named: NamedMention[] = [];
  for (let i = 0; i < names.length; i++) {
    const clean = cleans[i] as CleanName;
    const formType = formTypes[i] as EntityType;
    const type = isSurnameOfPerson(formType, clean, personWords, keys) ? 'PER' : formType;
    named.push({ mention: names[i] as Mention, type, name: clean.name, wordCount: clean.wordCount, key: clean.key, keyWords: clean.keyWords });
  }
  return named;
}

const HAS_LETTER = /\p{L}/u;

/** A mention's text as a name, or null when what is left is no name. */
function cleanMention(text: string, keys: Keys): CleanName | null {
  const name = cleanName(text);
  if (name.length <= 1 || !HAS_LETTER.test(name)) return null;
  const key = keys.entityKey(name);
  return { name, wordCount: countWords(name), key, keyWords: wordsOf(key) };
}

/**
 * The type a name's form gives it, whatever the tagger said: a multi-word name ending in a word
 * such as "Yard" or "Mirror" is no person; one word in camel case is no person or place.
 */
function typeByForm(type: EntityType, clean: CleanName): EntityType {
  if (type === 'PER' && clean.wordCount >= 2) return headType(clean.name) ?? type;
  if ((type === 'PER' || type === 'LOC') && clean.wordCount === 1 && isCamelCase(clean.name)) return 'ORG';
  return type;
}

/**
 * A multi-word name the tagger did not call a person ("Sofia Vergara" as ORG) is one when its last word
 * is tagged a person elsewhere ("Vergara"), unless it names a place or a known organisation.
 */
function isSurnameOfPerson(type: EntityType, clean: CleanName, personWords: ReadonlySet<string>, keys: Keys): boolean {
  if (type === 'PER' || clean.wordCount < 2 || clean.wordCount > 4) return false;
  const name = clean.name;
  if (isCountry(name) || isKnownOrganization(name) || canonicalAlias(name) !== undefined || headType(name) !== undefined) return false;
  const words = wordsOf(name);
  // Capitals first: most such names have them, so both tests run from the first article on and the
  // compiled code has seen them both.
  return allStartWithCapital(words) && personWords.has(keys.entityKey(words[words.length - 1] as string));
}

function allStartWithCapital(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) if (!startsWithCapital(words[i] as string)) return false;
  return true;
}

const STARTS_WITH_CAPITAL = /^\p{Lu}/u;

function startsWithCapital(word: string): boolean {
  return STARTS_WITH_CAPITAL.test(word);
}

/** Full names first, longest first, so "Tayyip Erdogan" and "Erdogan" find "Recep Tayyip Erdogan". */
function clusterFullNames(named: readonly NamedMention[], clusters: Clusters): void {
  const fullNames: NamedMention[] = [];
  for (let i = 0; i < named.length; i++) {
    const item = named[i] as NamedMention;
    if (item.type === 'PER' && item.wordCount >= 2) fullNames.push(item);
  }
  fullNames.sort(longestFirst);
  for (let i = 0; i < fullNames.length; i++) {
    const { name, key, keyWords } = fullNames[i] as NamedMention;
    if (clusters.byKey.has(key) || personContaining(clusters.people, keyWords, true)) continue;
    const cluster = newCluster(name, keyWords, false, true);
    clusters.byKey.set(key, cluster);
    clusters.people.push(cluster);
  }
}

function longestFirst(a: NamedMention, b: NamedMention): number {
  return b.wordCount - a.wordCount || a.mention.sentence - b.mention.sentence || a.mention.start - b.mention.start;
}

/** Counts one mention in the cluster of its entity, made when it is the first. */
function clusterMention(item: NamedMention, acronyms: ReadonlyMap<string, string>, sentences: readonly string[], clusters: Clusters): void {
  const { mention: m, type, name, wordCount, key, keyWords } = item;
  let cluster: Cluster | undefined;
  const alias = canonicalAlias(name) ?? acronyms.get(name);
  if (!alias) {
    const exact = clusters.byKey.get(key);
    if (exact) cluster = exact;
    else if (type === 'PER') cluster = personContaining(clusters.people, keyWords, false);
    else if (wordCount === 1 && !isCountry(name)) cluster = personContaining(clusters.people, keyWords, type === 'LOC');
  }
  if (!cluster) {
    const canonical = alias ?? name;
    const canonicalKey = alias === undefined ? key : clusters.keys.entityKey(alias);
    cluster = clusters.byKey.get(canonicalKey);
    if (!cluster) {
      cluster = newCluster(canonical, alias === undefined ? keyWords : wordsOf(canonicalKey), alias !== undefined, type === 'PER');
      clusters.byKey.set(canonicalKey, cluster);
      if (type === 'PER') clusters.people.push(cluster);
    }
  }
  // A name matched to a person is a person's mention, whatever the tagger called it.
  addMention(cluster, cluster.isPerson ? 'PER' : type, name, wordCount, m.sentence, m.start);
  if (type === 'PER' || cluster.isPerson) {
    const role = roleAt(sentences[m.sentence] as string, m.start, m.end);
    if (role) cluster.roles.push({ role, sentence: m.sentence });
  }
}

const ROLE_COUNTRY = / of (?:the )?(.+)$/;

/** A country named only through a role ("Chinese President") is still a place of the article. */
function addPlacesOfRoles(clusters: Clusters): void {
  for (const cluster of new Set(clusters.byKey.values())) {
    if (typeOf(cluster) !== 'PER') continue;
    for (const { role, sentence } of cluster.roles) {
      const country = ROLE_COUNTRY.exec(role)?.[1];
      if (country && isCountry(country)) addPlaceOfRole(clusters, country, sentence);
    }
  }
}

function addPlaceOfRole(clusters: Clusters, country: string, sentence: number): void {
  const key = clusters.keys.entityKey(country);
  let place = clusters.byKey.get(key);
  if (!place) {
    place = newCluster(country, wordsOf(key), true, false);
    place.forms.set(country, 0);
    clusters.byKey.set(key, place);
  }
  (place.votes[LOC] as number)++;
  (place.typeWeight[LOC] as number) += wordsOf(country).length;
  place.mentions++;
  if (sentence < place.firstSentence) {
    place.firstSentence = sentence;
    place.firstOffset = AFTER_EVERY_OFFSET;
  }
}

/** The entities as facts, in order of first mention, without names that are no entities of their own. */
function factsOf(clusters: Clusters): CanonicalEntities {
  const result: CanonicalEntities = { people: [], places: [], organizations: [] };
  const keys = clusters.keys;
  const unique: Cluster[] = [];
  for (const c of new Set(clusters.byKey.values())) {
    if (c.mentions > 0 && !GENERIC_NAMES.has(keys.entityKey(c.name)) && !isTitleWord(c.name) && !isGroupOrHonour(c.name)) unique.push(c);
  }
  unique.sort(byFirstMention);
  for (let i = 0; i < unique.length; i++) {
    const cluster = unique[i] as Cluster;
    const type = typeOf(cluster);
    if (type === 'PER') {
      result.people.push(personFact(cluster, aliasesOf(cluster, keys), bestRole(cluster) || undefined));
      continue;
    }
    // Tagged both as a place and as an organisation: a city that is also a team ("New York" beat Chicago,
    // in New York), a capital and its government. Both, each with its mentions. Worked out as counts
    // from values all read beforehand, so that such an entity takes no path of its own.
    const mentions = cluster.mentions;
    const placeVotes = cluster.votes[LOC] as number;
    const organizationVotes = cluster.votes[ORG] as number;
    const both = cluster.fixedType === '' && Math.min(placeVotes, organizationVotes) >= 1;
    const placeMentions = both ? placeVotes : type === 'LOC' ? mentions : 0;
    const organizationMentions = both ? organizationVotes : type === 'ORG' ? mentions : 0;
    const aliases = aliasesOf(cluster, keys);
    if (placeMentions > 0) result.places.push(entityFact(cluster, aliases, placeMentions));
    // A copy: the place and the organisation each have their own.
    if (organizationMentions > 0) result.organizations.push(entityFact(cluster, aliases.slice(), organizationMentions));
  }
  return result;
}

function byFirstMention(a: Cluster, b: Cluster): number {
  return a.firstSentence - b.firstSentence || a.firstOffset - b.firstOffset;
}

/**
 * The person whose full name contains a name (the words of its key, `target`) as a run of whole words
 * ("Erdogan", "Tayyip Erdogan").
 * With `lastOnly`, only a surname match counts (used for mentions the tagger did not call a person).
 */
function personContaining(people: readonly Cluster[], target: readonly string[], lastOnly: boolean): Cluster | undefined {
  let best: Cluster | undefined;
  let bestScore = 0;
  for (const person of people) {
    const words = person.keyWords;
    if (words.length <= target.length) continue;
    const endsWith = target.every((w, i) => words[words.length - target.length + i] === w);
    const startsWith = target.every((w, i) => words[i] === w);
    const score = endsWith ? 3 : !lastOnly && startsWith ? 2 : 0;
    if (score > bestScore || (score === bestScore && score > 0 && best && person.mentions > best.mentions)) {
      best = person;
      bestScore = score;
    }
  }
  return best;
}

/** For `absorb`: the mentions keep their types. */
const EACH_TYPE = -1;

/**
 * Moves one cluster's mentions into another and points every key of the first at the second. With a
 * type index as `as`, the mentions count as that type, whatever the tagger called them. (An index, not
 * a type: converting it only in that case was a call V8 had not seen run when the first such merge came.)
 */
function absorb(clusters: Map<string, Cluster>, long: Cluster, short: Cluster, as: number = EACH_TYPE): void {
  for (let t = 0; t < 4; t++) {
    const to = as === EACH_TYPE ? t : as;
    (long.votes[to] as number) += short.votes[t] as number;
    (long.typeWeight[to] as number) += short.typeWeight[t] as number;
  }
  for (const [form, n] of short.forms) long.forms.set(form, (long.forms.get(form) ?? 0) + n);
  long.mentions += short.mentions;
  if (short.firstSentence < long.firstSentence) {
    long.firstSentence = short.firstSentence;
    long.firstOffset = short.firstOffset;
  }
  short.mentions = 0;
  for (const [key, c] of clusters) if (c === short) clusters.set(key, long);
}

/**
 * A one-word organisation that ends exactly one longer organisation's name is its short form
 * ("City" after "Manchester City"); with two candidates ("United") it stays apart. So is a one-word
 * name of another type that only organisations end ("Mirror" after "Daily Mirror"), whose mentions
 * then count as the organisation's.
 */
function mergeShortForms(clusters: Map<string, Cluster>): void {
  const all = [...new Set(clusters.values())].filter((c) => c.mentions > 0);
  const orgs = all.filter((c) => typeOf(c) === 'ORG');
  const shorts = all.filter((c) => c.keyWords.length === 1 && (orgs.includes(c) || isOrganizationHead(c.name)));
  for (const short of shorts) {
    const word = short.keyWords[0] as string;
    const longer = orgs.filter((c) => c !== short && c.keyWords.length > 1 && c.keyWords[c.keyWords.length - 1] === word && c.mentions > 0);
    if (longer.length === 1) absorb(clusters, longer[0] as Cluster, short, orgs.includes(short) ? EACH_TYPE : ORG);
  }
}

/** "NATO" stays itself; "SCO" joins "Shanghai Cooperation Organization" when both are mentioned. */
function mergeAcronyms(clusters: Map<string, Cluster>): void {
  // Each key has a cluster of its own until clusters are merged, which starts here: no duplicate to drop.
  const acronyms: Cluster[] = [];
  const expansions: Cluster[] = [];
  for (const c of clusters.values()) {
    if (typeOf(c) === 'PER') continue;
    if (isAcronym(c.name)) acronyms.push(c);
    else if (c.name.includes(' ')) expansions.push(c);
  }
  if (acronyms.length === 0) return;
  // Initials of the expansions, by position in `expansions`.
  const initials: string[] = [];
  for (let i = 0; i < expansions.length; i++) initials.push(initialsOf((expansions[i] as Cluster).name));
  for (let a = 0; a < acronyms.length; a++) {
    const short = acronyms[a] as Cluster;
    const letters = short.name.replace(/[.\-&]/g, '');
    const e = initials.indexOf(letters);
    if (e >= 0) absorb(clusters, expansions[e] as Cluster, short);
  }
}
