/**
 * Made-up issues for the archive's tests: constructed in code, so unit and browser tests never depend on the
 * fact engine or on files outside the repository.
 */
import type { ArticleFacts } from '../../functions/core/facts/types.ts';
import { buildIssue, type Issue } from '../../functions/core/digest/issue.ts';
import type { Article } from '../../functions/core/model.ts';

export interface MadeUpStory {
  title: string;
  url?: string;
  source?: string;
  sentences: string[];
  summaryIndexes: number[];
  people?: { name: string; role?: string; sentence: number; aliases?: string[] }[];
  places?: { name: string; sentence: number }[];
  organizations?: { name: string; sentence: number; aliases?: string[] }[];
  dates?: { text: string; iso?: string; sentence: number }[];
  quantities?: { text: string; sentence: number }[];
}

export function madeUpFacts(story: MadeUpStory): ArticleFacts {
  return {
    source: story.source ?? story.url ?? 'article.txt',
    title: story.title,
    summary: story.summaryIndexes.map((i) => story.sentences[i] ?? ''),
    summaryIndexes: story.summaryIndexes,
    people: (story.people ?? []).map((p) => ({
      name: p.name,
      ...(p.role ? { role: p.role } : {}),
      aliases: p.aliases ?? [],
      mentions: 1,
      firstSentence: p.sentence,
    })),
    places: (story.places ?? []).map((p) => ({ name: p.name, aliases: [], mentions: 1, firstSentence: p.sentence })),
    organizations: (story.organizations ?? []).map((o) => ({ name: o.name, aliases: o.aliases ?? [], mentions: 1, firstSentence: o.sentence })),
    dates: story.dates ?? [],
    quantities: story.quantities ?? [],
    sentences: story.sentences,
    wordCount: story.sentences.join(' ').split(/\s+/).length,
  };
}

/** An issue of the given stories, published at `publishedAt`. */
export function madeUpIssue(number: number, publishedAt: string, stories: MadeUpStory[], digestTitle = 'Morning Facts'): Issue {
  return buildIssue(
    number,
    new Date(publishedAt),
    digestTitle,
    stories.map((story, i) => {
      const source = story.source ?? story.url ?? `story-${number}-${i + 1}.txt`;
      const article: Article = {
        id: `${number}-${i}`,
        source,
        ...(story.url ? { url: story.url } : {}),
        title: story.title,
        text: story.sentences.join(' '),
      };
      return { article, facts: madeUpFacts(story) };
    }),
  );
}

export const harbourStory: MadeUpStory = {
  title: 'Port authority approves the northern harbour expansion',
  url: 'https://news.example.org/2026/11/harbour-expansion',
  sentences: [
    'The Valmora Port Authority on Tuesday approved a plan to extend the northern harbour by 400 metres.',
    'Chair Ingrid Solberg said the vote ended three years of consultation.',
    'The expansion is expected to cost 1.2 billion euros and create 2,000 jobs.',
    'Fishermen in Kessby had opposed earlier versions of the plan.',
    'Construction is due to start in March 2027.',
    'The Green Coast Alliance said it would challenge the decision in court.',
  ],
  summaryIndexes: [0, 2, 4],
  people: [{ name: 'Ingrid Solberg', role: 'Chair of the Valmora Port Authority', sentence: 1 }],
  places: [
    { name: 'Valmora', sentence: 0 },
    { name: 'Kessby', sentence: 3 },
  ],
  organizations: [
    { name: 'Valmora Port Authority', sentence: 0, aliases: ['VPA'] },
    { name: 'Green Coast Alliance', sentence: 5 },
  ],
  dates: [
    { text: 'Tuesday', sentence: 0 },
    { text: 'March 2027', iso: '2027-03', sentence: 4 },
  ],
  quantities: [
    { text: '400 metres', sentence: 0 },
    { text: '1.2 billion euros', sentence: 2 },
  ],
};

export const libraryStory: MadeUpStory = {
  title: 'City library reopens after a two-year renovation',
  source: 'library-reopens.txt',
  sentences: [
    'The central library of Ostrava Nova reopened on Saturday after a renovation that lasted two years.',
    'Head librarian Tomás Řezníček thanked the 300 volunteers who moved the collection.',
    'The building now has a rooftop reading garden.',
  ],
  summaryIndexes: [0, 2],
  people: [{ name: 'Tomás Řezníček', role: 'head librarian', sentence: 1 }],
  places: [{ name: 'Ostrava Nova', sentence: 0 }],
  quantities: [{ text: '300 volunteers', sentence: 1 }],
};

/** Everything an article could bring to attack a page: markup, script, event handlers, a javascript: link. */
export const hostileStory: MadeUpStory = {
  title: 'Breaking <script>window.__pwned = "title"</script> <img src=x onerror="window.__pwned = \'img\'">',
  url: 'javascript:window.__pwned = "link"',
  source: 'javascript:window.__pwned = "source"',
  sentences: [
    'A sentence with <b>bold</b> markup and <a href="javascript:alert(1)">a link</a>.',
    'Mayor <img src=x onerror="window.__pwned = \'person\'"> Mallory met the council.',
    'An "attribute" breaker: \' " > < & and {{mustache}} braces.',
  ],
  summaryIndexes: [0, 2],
  people: [{ name: '<img src=x onerror="window.__pwned = \'person\'"> Mallory', role: '<svg onload="window.__pwned=1">', sentence: 1 }],
  places: [{ name: '<iframe src="javascript:window.__pwned=2">', sentence: 1 }],
};

/** A title with no break opportunity, to catch layouts that overflow narrow screens. */
export const longWordStory: MadeUpStory = {
  title: 'Supercalifragilisticexpialidocious-Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsbetrieb wins award',
  url: 'https://news.example.org/a/very/long/path/that/never/breaks/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  sentences: [
    'The Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsbetrieb received the award at https://awards.example.org/winners/2026/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.',
  ],
  summaryIndexes: [0],
  organizations: [{ name: 'Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsbetrieb', sentence: 0 }],
};

/** A run of `count` plain issues, one a day from 1 October 2026, numbered 1..count. */
export function issueRun(count: number): Issue[] {
  return Array.from({ length: count }, (_, i) =>
    madeUpIssue(i + 1, new Date(Date.UTC(2026, 9, 1 + i, 6)).toISOString(), [
      {
        title: `Council meeting number ${i + 1} approves the budget`,
        url: `https://news.example.org/council/${i + 1}`,
        sentences: [`The council met for the ${i + 1}th time and approved the budget.`, 'Nobody objected.'],
        summaryIndexes: [0],
        people: [{ name: `Speaker ${i + 1}`, sentence: 1 }],
      },
    ]),
  );
}
