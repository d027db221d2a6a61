/**
 * One measurement in a fresh process: the bench bundles this file with esbuild and runs it with plain
 * `node`, so no loader sits in the timings or the memory, and prints one JSON line on stdout.
 *   node worker.mjs '{"task":"extract", ...}'
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import type { Issue } from '../../functions/core/digest/issue.ts';
import type { SiteInfo } from '../../functions/core/digest/views.ts';
import { benchCorpus, wordsIn, type BenchArticle } from './corpus.ts';

export type Engine = 'ours' | 'compromise' | 'floor';

export interface ExtractTask {
  task: 'extract';
  engine: Engine;
  articles: number;
  examplePath: string;
  /** Stop after this long and report how far it got (compromise is slow). @default no limit */
  budgetMs?: number;
}

export interface ExtractResult {
  engine: Engine;
  articles: number;
  done: number;
  words: number;
  ms: number;
  /** Per article, in corpus order, for the first pass. */
  articleMs: number[];
  articleWords: number[];
  peakRssMb: number;
  startRssMb: number;
}

export interface RenderTask {
  task: 'render';
  subscribers: number;
  /** The bench issue, as `prepare` wrote it. */
  issuePath: string;
  templatesDir: string;
  budgetMs?: number;
}

export interface RenderResult {
  subscribers: number;
  done: number;
  ms: number;
  stories: number;
  mailBytes: number;
}

/**
 * paced: the project's SesMailer with concurrent callers; paced-sequential: the same, one send at a time;
 * naive: unpaced, retrying a throttled send at once; paced-stub: the SesMailer's pacing alone, the SDK and the
 * network replaced by a stub that answers after 2 ms (what the pacing can do when sending itself costs nothing).
 */
export type SendMode = 'paced' | 'paced-sequential' | 'naive' | 'paced-stub';

export interface SendTask {
  task: 'send';
  endpoint: string;
  /** The allowed rate the stand-in enforces during this window. */
  rate: number;
  mode: SendMode;
  /** Recipients to send: the allowed rate times the window. */
  recipients: number;
  concurrency: number;
  /** Stop starting new sends after this long: a client that cannot keep up is reported, not waited for. */
  deadlineMs: number;
  /** The rendered digest mail every recipient is sent (rendering is measured on its own). */
  mailPath: string;
  /** Rounds of one send per lane before the window. */
  warmUpRounds: number;
}

/** Builds the bench issue once (its facts extracted) and renders one mail of it, for rendering and sending. */
export interface PrepareTask {
  task: 'prepare';
  examplePath: string;
  templatesDir: string;
  issuePath: string;
  mailPath: string;
}

export interface SendResult {
  mode: SendMode;
  recipients: number;
  sent: number;
  failed: number;
  /** Throttling answers the client saw (for the mailer: its own count of throttled retries). */
  throttled: number;
  ms: number;
  /** From the window's start to the first and to the last accepted send. */
  firstAcceptedMs: number;
  lastAcceptedMs: number;
  cpuMs: number;
  mailBytes: number;
}

const SITE: SiteInfo = { digestTitle: 'Bench Digest', siteUrl: 'https://digest.example.org/' };
const SENDER = 'digest@digest.example.org';
const TOKEN_KEY = 'bench-token-key-not-a-secret';

const factsInput = (a: BenchArticle) => ({ source: a.source, title: a.title, text: a.text, publishedAt: a.publishedAt });
const rssMb = () => process.memoryUsage.rss() / 1024 / 1024;

async function extract(task: ExtractTask): Promise<ExtractResult> {
  // Loaded dynamically (the bundle is split), so each engine's process holds only that engine.
  const { extractFacts } = task.engine === 'ours' ? await import('../../functions/core/facts/index.ts') : { extractFacts: undefined };
  const nlp = task.engine === 'compromise' ? (await import('compromise')).default : undefined;
  const corpus = benchCorpus(task.articles, task.examplePath);
  const startRssMb = rssMb();
  const kept: unknown[] = []; // the pipeline holds every article's facts until the issue is built
  const articleMs: number[] = [];
  const articleWords: number[] = [];
  const budget = task.budgetMs ?? Number.POSITIVE_INFINITY;
  const started = performance.now();
  for (const article of corpus) {
    const t = performance.now();
    if (extractFacts) kept.push(extractFacts(factsInput(article), { sentences: 3 }));
    else if (nlp) {
      const doc = nlp(article.text);
      kept.push([doc.people().out('array'), doc.places().out('array'), doc.organizations().out('array')]);
    } else kept.push(article.text.split(/\s+/).length);
    articleMs.push(performance.now() - t);
    articleWords.push(wordsIn(article.text));
    if (performance.now() - started > budget) break;
  }
  let ms = performance.now() - started;
  const words = articleWords.reduce((a, b) => a + b, 0);
  if (task.engine === 'floor') ms = words / floorWordsPerMs(corpus);
  return {
    engine: task.engine,
    articles: task.articles,
    done: articleMs.length,
    words,
    ms,
    articleMs,
    articleWords,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    startRssMb,
  };
}

/**
 * The floor's speed: one pass over a single article takes microseconds, so passes are timed in chunks of at
 * least 5 ms for 300 ms, and the median chunk is taken (a time slice lost to another process hits one chunk).
 */
function floorWordsPerMs(corpus: BenchArticle[]): number {
  const words = corpus.reduce((n, a) => n + wordsIn(a.text), 0);
  const rates: number[] = [];
  let sink = 0;
  const started = performance.now();
  while (performance.now() - started < 300) {
    const t = performance.now();
    let passes = 0;
    do {
      for (const article of corpus) sink += article.text.split(/\s+/).length;
      passes++;
    } while (performance.now() - t < 5);
    rates.push((words * passes) / (performance.now() - t));
  }
  if (sink < 0) throw new Error('unreachable'); // keeps the splits from being optimised away
  rates.sort((a, b) => a - b);
  return rates[rates.length >> 1] as number;
}

/** A realistic issue: ten stories of the bench corpus, facts extracted by the engine. */
async function benchIssue(examplePath: string): Promise<Issue> {
  const { extractFacts } = await import('../../functions/core/facts/index.ts');
  const { buildIssue } = await import('../../functions/core/digest/issue.ts');
  const items = benchCorpus(10, examplePath).map((article, i) => ({
    article: { id: `sha256:${i}`, source: article.source, url: `https://news.example.org/${i}`, text: article.text, publishedAt: article.publishedAt },
    facts: extractFacts(factsInput(article), { sentences: 3 }),
  }));
  return buildIssue(42, new Date('2026-03-04T07:00:00Z'), SITE.digestTitle, items);
}

async function mailParts() {
  const { loadTemplates } = await import('../../functions/adapters/templates.ts');
  const { composeDigestMail, prepareDigestMail } = await import('../../functions/core/digest/mail.ts');
  const { signToken } = await import('../../functions/core/subscriptions/tokens.ts');
  return { loadTemplates, composeDigestMail, prepareDigestMail, signToken };
}

async function render(task: RenderTask): Promise<RenderResult> {
  const { loadTemplates, prepareDigestMail, signToken } = await mailParts();
  const templates = await loadTemplates(task.templatesDir);
  const issue = JSON.parse(readFileSync(task.issuePath, 'utf8')) as Issue;
  const budget = task.budgetMs ?? Number.POSITIVE_INFINITY;
  let mailBytes = 0;
  let done = 0;
  const started = performance.now();
  // As deliverIssue: the issue's mail prepared once (inside the timing), then composed for each subscriber.
  const mail = prepareDigestMail({ issue, site: SITE, templates, sender: SENDER });
  for (; done < task.subscribers; done++) {
    const to = `reader${done}@example.net`;
    const raw = mail.compose(to, signToken({ purpose: 'unsubscribe', email: to }, TOKEN_KEY));
    mailBytes = raw.length;
    if (performance.now() - started > budget) {
      done++;
      break;
    }
  }
  return { subscribers: task.subscribers, done, ms: performance.now() - started, stories: issue.stories.length, mailBytes };
}

const errorName = (error: unknown) => (error as { name?: string }).name ?? 'Error';

async function prepare(task: PrepareTask): Promise<{ bytes: number }> {
  const { loadTemplates, composeDigestMail, signToken } = await mailParts();
  const issue = await benchIssue(task.examplePath);
  writeFileSync(task.issuePath, JSON.stringify(issue));
  const raw = await composeDigestMail({
    issue,
    site: SITE,
    templates: await loadTemplates(task.templatesDir),
    sender: SENDER,
    to: 'reader@example.net',
    unsubscribeToken: signToken({ purpose: 'unsubscribe', email: 'reader@example.net' }, TOKEN_KEY),
  });
  writeFileSync(task.mailPath, raw);
  return { bytes: raw.length };
}

async function send(task: SendTask): Promise<SendResult> {
  const { GetSendQuotaCommand, SESClient, SendRawEmailCommand } = await import('@aws-sdk/client-ses');
  const { SesMailer } = await import('../../functions/adapters/ses-mailer.ts');
  const raw = readFileSync(task.mailPath);
  const client = new SESClient({
    endpoint: task.endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: 2000,
      requestTimeout: 10_000,
      httpAgent: new Agent({ keepAlive: true, maxSockets: task.concurrency }),
    },
  });
  let throttled = 0;
  let sent = 0;
  let failed = 0;
  const stub = { send: () => new Promise((resolve) => setTimeout(() => resolve({ MessageId: 'stub' }), 2)) } as unknown as typeof client;
  const mailer =
    task.mode === 'paced-stub'
      ? new SesMailer({ client: stub, sendRate: task.rate, warn: () => {} })
      : new SesMailer({ client, warn: () => {} }); // the project's defaults: retries and back-off
  // Warm-up outside the window (the stand-in's counters are reset after it): the SDK's lazy set-up, a socket
  // per lane, the send and the Throttling paths compiled, and the mailer's one quota lookup.
  const warmSend = () => client.send(new SendRawEmailCommand({ Source: SENDER, Destinations: ['warm-up@example.net'], RawMessage: { Data: raw } }));
  for (let round = 0; round < (task.mode === 'paced-stub' ? 0 : task.warmUpRounds); round++) {
    await Promise.all(Array.from({ length: task.concurrency }, () => warmSend().catch(() => undefined)));
  }
  await client.send(new GetSendQuotaCommand({}));
  if (task.mode !== 'naive') await mailer.sendIntervalMs();
  // A fresh bucket right as the window opens, so the client's own start-up time does not fill it.
  await fetch(`${task.endpoint}/_standin/reset?rate=${task.rate}`, { method: 'POST' });

  const sendOne: (to: string) => Promise<void> =
    task.mode === 'naive'
      ? async (to) => {
          // The unpaced loop: fire, and on Throttling try again at once.
          for (let attempt = 0; attempt < 100_000; attempt++) {
            try {
              await client.send(new SendRawEmailCommand({ Source: SENDER, Destinations: [to], RawMessage: { Data: raw } }));
              return;
            } catch (error) {
              if (errorName(error) !== 'Throttling') throw error;
              throttled++;
            }
          }
          throw new Error('still throttled');
        }
      : async (to) => {
          await mailer.send({ from: SENDER, to, raw });
        };

  const cpu0 = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  let firstAcceptedMs = Number.NaN;
  let lastAcceptedMs = Number.NaN;
  const lane = async () => {
    while (next < task.recipients && performance.now() - started < task.deadlineMs) {
      const to = `reader${next++}@example.net`;
      try {
        await sendOne(to);
        sent++;
        lastAcceptedMs = performance.now() - started;
        if (sent === 1) firstAcceptedMs = lastAcceptedMs;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: task.mode === 'paced-sequential' ? 1 : task.concurrency }, lane));
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  client.destroy();
  return {
    mode: task.mode,
    recipients: task.recipients,
    sent,
    failed,
    throttled: task.mode === 'naive' ? throttled : mailer.throttled,
    ms,
    firstAcceptedMs,
    lastAcceptedMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    mailBytes: raw.length,
  };
}

export type WorkerTask = ExtractTask | RenderTask | SendTask | PrepareTask;

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '{}') as WorkerTask;
  const result =
    task.task === 'extract'
      ? await extract(task)
      : task.task === 'render'
        ? await render(task)
        : task.task === 'prepare'
          ? await prepare(task)
          : await send(task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
