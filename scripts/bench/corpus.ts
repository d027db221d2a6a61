/**
 * A deterministic synthetic corpus of news-like articles for the bench: seeded, so every run and every
 * machine measures the same text. Names, places and organisations are made up from pools; sentences come
 * from varied templates with roles, dates, numbers and quotes, the shapes the fact engine looks for.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../../functions/core/seeded-random.ts';

export interface BenchArticle {
  source: string;
  title?: string;
  text: string;
  publishedAt: string;
}

const FIRST = ['Lena', 'Marco', 'Aisha', 'Tomasz', 'Keiko', 'Rafael', 'Ingrid', 'Samuel', 'Priya', 'Olumide', 'Hanna', 'Diego',
  'Mei', 'Yusuf', 'Clara', 'Anders', 'Fatima', 'Pavel', 'Grace', 'Hiroshi', 'Elena', 'Kwame', 'Sofia', 'Arjun', 'Nadia', 'Lucas'];
const LAST = ['Brandt', 'Okafor', 'Castellano', 'Nowak', 'Tanaka', 'Almeida', 'Lindqvist', 'Mensah', 'Raman', 'Adeyemi',
  'Virtanen', 'Morales', 'Chen', 'Demir', 'Fischer', 'Haugen', 'Rahman', 'Sokolov', 'Whitfield', 'Sato', 'Petrova', 'Boateng',
  'Ricci', 'Iyer', 'Haddad', 'Moreau'];
const ROLES = ['President', 'Prime Minister', 'Finance Minister', 'Mayor', 'Governor', 'Senator', 'chief executive', 'spokeswoman',
  'spokesman', 'Foreign Minister', 'central bank governor', 'union leader', 'police chief', 'health minister'];
const PLACES = ['Elmford', 'Port Calder', 'Novaris', 'Kestrel Bay', 'Marenbourg', 'Santa Olvera', 'Drummore', 'Vellagrad',
  'Ashgrove', 'Lake Tirana', 'Corvel', 'Brightwater', 'Okanu', 'Hallstead', 'Rivenna', 'Zelmar', 'East Morrow', 'Quillon'];
const COUNTRIES = ['Germany', 'Brazil', 'Japan', 'Kenya', 'Canada', 'India', 'Norway', 'Mexico', 'Egypt', 'Australia', 'Poland',
  'Vietnam', 'Chile', 'Turkey', 'France', 'Indonesia'];
const ORG_HEADS = ['Northern', 'Atlantic', 'United', 'Federal', 'Pacific', 'Continental', 'National', 'Global', 'Civic', 'Harbour'];
const ORG_TAILS = ['Transit Authority', 'Energy Group', 'Health Service', 'Bank', 'Workers Union', 'Rail Company',
  'Water Board', 'Institute of Technology', 'Shipping Lines', 'Broadcasting Corporation', 'Mining Corporation', 'Court of Appeal'];
const ACRONYM_ORGS = ['the United Nations', 'NATO', 'the World Health Organization', 'the European Union', 'the IMF', 'UNESCO'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const TOPICS = ['the new bridge', 'the budget', 'the trade agreement', 'the rail strike', 'the flood defences', 'the vaccine programme',
  'the port expansion', 'the election result', 'the wage deal', 'the climate plan', 'the housing reform', 'the ceasefire talks'];
const UNITS = ['million euros', 'billion dollars', 'kilometres', 'per cent', 'tonnes', 'jobs', 'homes', 'passengers a day',
  'million people', 'megawatts', 'new buses', 'schools'];
const VERBS = ['announced', 'approved', 'rejected', 'postponed', 'defended', 'criticised', 'unveiled', 'signed', 'questioned', 'welcomed'];
const FILLER = ['Officials said the details were still being worked out.', 'It was not immediately clear what would happen next.',
  'The decision drew mixed reactions from residents.', 'Critics called the move rushed.', 'Supporters said it was long overdue.',
  'Talks are expected to continue next week.', 'Further updates are expected later in the day.'];

type Pick = <T>(items: readonly T[]) => T;

interface Cast {
  people: { first: string; last: string; role: string; place: string }[];
  places: string[];
  orgs: string[];
}

function castFor(pick: Pick, random: () => number): Cast {
  const people = Array.from({ length: 2 + Math.floor(random() * 3) }, () => ({
    first: pick(FIRST),
    last: pick(LAST),
    role: pick(ROLES),
    place: random() < 0.5 ? pick(PLACES) : pick(COUNTRIES),
  }));
  const places = [pick(PLACES), pick(PLACES), pick(COUNTRIES)];
  const orgs = [`the ${pick(ORG_HEADS)} ${pick(ORG_TAILS)}`, `the ${pick(ORG_HEADS)} ${pick(ORG_TAILS)}`, pick(ACRONYM_ORGS)];
  return { people, places, orgs };
}

function sentence(pick: Pick, random: () => number, cast: Cast, year: number, first: boolean): string {
  const p = pick(cast.people);
  const full = `${p.first} ${p.last}`;
  const place = pick(cast.places);
  const org = pick(cast.orgs);
  const Org = org.charAt(0).toUpperCase() + org.slice(1);
  const n = Math.floor(random() * 990) + 10;
  const date = `${pick(MONTHS)} ${1 + Math.floor(random() * 28)}, ${year}`;
  const day = pick(WEEKDAYS);
  const topic = pick(TOPICS);
  const templates = [
    () => `${p.role.charAt(0).toUpperCase()}${p.role.slice(1)} ${full} of ${p.place} ${pick(VERBS)} ${topic} on ${day}, saying it would cost ${n} ${pick(UNITS)}.`,
    () => `${Org} said on ${day} that ${topic} in ${place} would go ahead by ${date}.`,
    () => `"We cannot wait any longer," ${p.last} told reporters in ${place}, adding that ${org} had been warned in ${pick(MONTHS)}.`,
    () => `About ${n} ${pick(UNITS)} were affected across ${place}, according to figures from ${org}.`,
    () => `${full}, the ${p.role} of ${p.place}, met ${pick(cast.people).first} ${pick(cast.people).last} in ${place} to discuss ${topic}.`,
    () => `The plan, first proposed in ${year - 1}, has been delayed ${2 + Math.floor(random() * 5)} times since ${pick(MONTHS)}.`,
    () => `Shares in ${org} fell ${(random() * 9 + 1).toFixed(1)} per cent after the announcement.`,
    () => `${p.last} said ${topic} would create ${n} jobs in ${place} and ${pick(cast.places)} over the next ${2 + Math.floor(random() * 8)} years.`,
    () => `Protesters gathered outside the offices of ${org} in ${place} on ${day} evening.`,
    () => `In a statement, ${org} said it "fully supports" ${topic} and would publish a report on ${date}.`,
    () => `Residents of ${place} have waited ${3 + Math.floor(random() * 20)} years for ${topic}.`,
    () => `According to ${full}, the first phase will be finished by ${pick(MONTHS)} ${year + 1}.`,
    () => `${pick(FILLER)}`,
    () => `Last year ${org} reported a loss of ${n} million dollars, its worst result since ${year - 10 - Math.floor(random() * 20)}.`,
    () => `${full} is expected to travel to ${pick(COUNTRIES)} on ${date} for talks with ${pick(ACRONYM_ORGS)}.`,
  ];
  if (first) return (templates[0] as () => string)();
  return (pick(templates) as () => string)();
}

/** `count` articles from `seed`, each of roughly 150–900 words in 3–12 paragraphs. */
export function syntheticArticles(count: number, seed = 20260301): BenchArticle[] {
  const random = seededRandom(seed);
  const pick: Pick = (items) => items[Math.floor(random() * items.length)] as (typeof items)[number];
  const articles: BenchArticle[] = [];
  for (let i = 0; i < count; i++) {
    const year = 2020 + Math.floor(random() * 7);
    const cast = castFor(pick, random);
    const paragraphs: string[] = [];
    const paragraphCount = 3 + Math.floor(random() * 10);
    for (let para = 0; para < paragraphCount; para++) {
      const sentences = Array.from({ length: 2 + Math.floor(random() * 4) }, (_, s) => sentence(pick, random, cast, year, para === 0 && s === 0));
      paragraphs.push(sentences.join(' '));
    }
    const lead = cast.people[0]!;
    articles.push({
      source: `synthetic/${String(i + 1).padStart(5, '0')}.txt`,
      title: random() < 0.7 ? `${lead.last} ${pick(VERBS)} ${pick(TOPICS).replace(/^the /, '')} in ${pick(cast.places)}` : undefined,
      text: paragraphs.join('\n\n'),
      publishedAt: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
    });
  }
  return articles;
}

const EXAMPLE = fileURLToPath(new URL('../../examples/sco-summit.txt', import.meta.url));

/** The bench corpus: the bundled example article first, then synthetic ones, `count` in all. */
export function benchCorpus(count: number, examplePath = EXAMPLE): BenchArticle[] {
  const example: BenchArticle = { source: 'examples/sco-summit.txt', text: readFileSync(examplePath, 'utf8'), publishedAt: '2024-07-03' };
  return count <= 0 ? [] : [example, ...syntheticArticles(count - 1)];
}

export const wordsIn = (text: string) => text.match(/\S+/g)?.length ?? 0;
