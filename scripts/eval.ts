/**
 * `npm run eval`: one table of the key-fact engine's quality and speed on the public data in
 * ../shared/eval (or $EVAL_DIR). Nothing here is part of the product; it only reads the data.
 *
 *   ROUGE-1/2/Lsum of ours, Lead-3 and TextRank on cnndm-dev.jsonl, computed in this run;
 *   people / places / organisations against sco-summit.gold.json;
 *   per-type entity scores on conll2003-dev.iob1 when the NER module exports evaluateConll;
 *   words per second of extractFacts (on articles the process has not seen, and again; on cnndm-dev and
 *   on made-up articles of the bench's generator) and of compromise on the same text; start-up; peak memory.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractFacts } from '../functions/core/facts/index.ts';
import { documentEntityScores, type ListScores } from './eval/conll-entities.ts';
import { scoreList, type GoldEntity } from './eval/gold.ts';
import { heldOutSpeed, processCost, type TextSpeed } from './eval/process-cost.ts';
import { syntheticArticles } from './bench/corpus.ts';
import { scoreSummary, type RougeTriple } from './eval/rouge.ts';
import { textRank } from './eval/textrank.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = process.env.EVAL_DIR ?? resolve(root, '..', 'shared', 'eval');
const SENTENCES = 3;

interface CnnDmRow {
  id: string;
  article: string;
  article_sentences: string[];
  reference_sentences: string[];
}

function mean(rows: readonly RougeTriple[]): RougeTriple {
  const sum = rows.reduce((a, r) => ({ rouge1: a.rouge1 + r.rouge1, rouge2: a.rouge2 + r.rouge2, rougeLsum: a.rougeLsum + r.rougeLsum }), {
    rouge1: 0, rouge2: 0, rougeLsum: 0,
  });
  const n = Math.max(rows.length, 1);
  return { rouge1: (100 * sum.rouge1) / n, rouge2: (100 * sum.rouge2) / n, rougeLsum: (100 * sum.rougeLsum) / n };
}

function pct(x: number): string {
  return (100 * x).toFixed(1);
}

function rougeSection(rows: readonly CnnDmRow[]): string[] {
  const systems: Record<string, RougeTriple[]> = { ours: [], 'Lead-3': [], 'Lead-3*': [], TextRank: [] };
  for (const row of rows) {
    const facts = extractFacts({ source: row.id, text: row.article }, { sentences: SENTENCES });
    systems.ours?.push(scoreSummary(row.reference_sentences, facts.summary));
    systems['Lead-3*']?.push(scoreSummary(row.reference_sentences, facts.sentences.slice(0, SENTENCES)));
    systems['Lead-3']?.push(scoreSummary(row.reference_sentences, row.article_sentences.slice(0, SENTENCES)));
    systems.TextRank?.push(scoreSummary(row.reference_sentences, textRank(row.article_sentences, SENTENCES)));
  }
  const lead = mean(systems['Lead-3'] ?? []);
  const lines = [`ROUGE F1 on cnndm-dev.jsonl (${rows.length} articles, ${SENTENCES} sentences)`, '  system      R-1    R-2    R-Lsum   vs Lead-3 (R-1 / R-2 / R-Lsum)'];
  for (const [name, scores] of Object.entries(systems)) {
    const m = mean(scores);
    const delta = (a: number, b: number) => `${a - b >= 0 ? '+' : ''}${(a - b).toFixed(2)}`;
    lines.push(
      `  ${name.padEnd(10)} ${m.rouge1.toFixed(2).padStart(5)}  ${m.rouge2.toFixed(2).padStart(5)}  ${m.rougeLsum.toFixed(2).padStart(6)}   ` +
        `${delta(m.rouge1, lead.rouge1)} / ${delta(m.rouge2, lead.rouge2)} / ${delta(m.rougeLsum, lead.rougeLsum)}`,
    );
  }
  lines.push('  Lead-3 takes the dataset\'s own sentences; Lead-3* the first three of ours, so ours vs Lead-3* is the ranking alone.');
  return lines;
}

function goldSection(): string[] {
  const goldPath = join(evalDir, 'sco-summit.gold.json');
  const articlePath = join(root, 'examples', 'sco-summit.txt');
  if (!existsSync(goldPath) || !existsSync(articlePath)) return ['sco-summit gold: skipped (file absent)'];
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as {
    people: GoldEntity[];
    places: string[];
    place_aliases?: Record<string, string[]>;
    organizations: GoldEntity[];
    boilerplate_to_drop: string[];
  };
  const facts = extractFacts({ source: 'examples/sco-summit.txt', text: readFileSync(articlePath, 'utf8') }, { sentences: SENTENCES });
  const places = gold.places.map((name) => ({ name, aliases: gold.place_aliases?.[name] ?? [] }));
  const lists = [
    ['people', scoreList(gold.people, facts.people, true)],
    ['places', scoreList(places, facts.places)],
    ['organisations', scoreList(gold.organizations, facts.organizations)],
  ] as const;
  const lines = ['Entities of examples/sco-summit.txt against sco-summit.gold.json', '  list           recall       precision    roles    missing / invented'];
  for (const [name, s] of lists) {
    lines.push(
      `  ${name.padEnd(14)} ${`${s.matched}/${s.gold}`.padStart(5)} ${pct(s.recall).padStart(5)}  ${`${s.matched}/${s.extracted}`.padStart(5)} ${pct(s.precision).padStart(5)}  ` +
        `${s.rolesCorrect === undefined ? '      ' : `${s.rolesCorrect}/${s.gold}`.padStart(6)}   ${s.missing.join(', ') || '-'} / ${s.invented.join(', ') || '-'}`,
    );
  }
  const output = JSON.stringify(facts);
  const leaked = gold.boilerplate_to_drop.filter((b) => output.includes(b));
  lines.push(`  page furniture in the facts: ${leaked.length === 0 ? 'none' : leaked.join(', ')}`);
  return lines;
}

interface TypeScore {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
}

interface ConllResult {
  perType: Record<string, TypeScore>;
  micro: TypeScore;
  overall: TypeScore;
  words?: number;
  seconds?: number;
}

/** The NER engineer's `evaluateConll`, from the NER module or its eval script, if it exists. */
async function findEvaluateConll(): Promise<((goldPath: string) => ConllResult | Promise<ConllResult>) | undefined> {
  for (const candidate of [join(root, 'functions', 'core', 'facts', 'ner', 'index.ts'), join(root, 'scripts', 'eval-ner.ts')]) {
    if (!existsSync(candidate)) continue;
    const module = (await import(pathToFileURL(candidate).href)) as { evaluateConll?: (goldPath: string) => ConllResult };
    if (typeof module.evaluateConll === 'function') return module.evaluateConll;
  }
  return undefined;
}

async function conllSection(): Promise<string[]> {
  const path = join(evalDir, 'conll2003-dev.iob1');
  if (!existsSync(path)) return ['CoNLL-2003 dev: skipped (conll2003-dev.iob1 absent)'];
  const evaluateConll = await findEvaluateConll();
  if (!evaluateConll) return ['CoNLL-2003 dev: skipped (no evaluateConll exported by the NER module yet)'];
  const result = await evaluateConll(path);
  const row = (name: string, s: TypeScore) =>
    `  ${name.padEnd(12)} ${s.precision.toFixed(2).padStart(6)}  ${s.recall.toFixed(2).padStart(6)}  ${s.f1.toFixed(2).padStart(6)}  ${String(s.gold).padStart(6)}`;
  const docs = documentEntityScores(path);
  const listRow = (name: string, raw: ListScores, canonical: ListScores) =>
    `  ${name.padEnd(12)} ${raw.precision.toFixed(1).padStart(6)} ${raw.recall.toFixed(1).padStart(6)} ${raw.f1.toFixed(1).padStart(6)}   ` +
    `${canonical.precision.toFixed(1).padStart(6)} ${canonical.recall.toFixed(1).padStart(6)} ${canonical.f1.toFixed(1).padStart(6)}`;
  return [
    'Entities on CoNLL-2003 dev (conlleval: exact span and type)',
    '  type              P       R      F1    gold',
    ...Object.entries(result.perType).map(([type, s]) => row(type, s)),
    row('PER/LOC/ORG', result.micro),
    row('all four', result.overall),
    '',
    `Entity lists per document on CoNLL-2003 dev (${docs.documents} documents): the tagger's distinct names vs canonical entities`,
    '  list            raw P    R     F1     canonical P    R     F1',
    ...(['PER', 'LOC', 'ORG', 'all'] as const).map((t) => listRow(t, docs.raw[t], docs.canonical[t])),
  ];
}

/** Articles of the bench's generator the held-out speed is also measured on, with a seed of their own. */
const MADE_UP_ARTICLES = 250;

/** Held-out speed on articles no one wrote: the bench's synthetic news, nothing from ../shared. */
async function madeUpSpeed(): Promise<{ words: number; speed: TextSpeed }> {
  const dir = mkdtempSync(join(tmpdir(), 'eval-made-up-'));
  try {
    const articles = syntheticArticles(MADE_UP_ARTICLES, 20261128);
    const path = join(dir, 'made-up.jsonl');
    writeFileSync(path, articles.map((a) => JSON.stringify({ id: a.source, article: a.text })).join('\n'));
    const words = articles.reduce((n, a) => n + (a.text.match(/\S+/g)?.length ?? 0), 0);
    return { words, speed: await heldOutSpeed(root, path) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function speedSection(rows: readonly CnnDmRow[]): Promise<string[]> {
  const texts = rows.map((r) => r.article);
  const words = texts.reduce((n, t) => n + (t.match(/\S+/g)?.length ?? 0), 0);
  // CPU time of this process, so the rate is one core's work even when other jobs share the machine.
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const time = (f: () => void, minMs = 2000): { rate: number; wallRate: number; runs: number } => {
    let runs = 0;
    const wallStart = performance.now();
    const cpuStart = cpuMs();
    while (cpuMs() - cpuStart < minMs || runs < 1) {
      f();
      runs++;
    }
    const cpu = cpuMs() - cpuStart;
    const wall = performance.now() - wallStart;
    return { rate: (words * runs) / (cpu / 1000), wallRate: (words * runs) / (wall / 1000), runs };
  };
  const cost = await processCost(root, join(evalDir, 'cnndm-dev.jsonl'));
  const madeUp = await madeUpSpeed();
  // Warm up once so the in-process figures are measured with the code compiled.
  for (const t of texts) extractFacts({ source: 's', text: t }, { sentences: SENTENCES });
  const ours = time(() => {
    for (const t of texts) extractFacts({ source: 's', text: t }, { sentences: SENTENCES });
  });
  const perSecond = (rate: number) => `${Math.round(rate).toLocaleString('en').padStart(10)} words/s`;
  const rate = (r: { rate: number; wallRate: number; runs: number }) =>
    `${perSecond(r.rate)} CPU (${Math.round(r.wallRate).toLocaleString('en')} wall, ${r.runs} passes)`;
  const lines = [
    `Speed on the ${rows.length} cnndm-dev articles (${words.toLocaleString('en')} words), one process, CPU time`,
    `  held-out     ${perSecond(cost.heldOutWordsPerSecond)} CPU: each half of the articles once, in a process warmed up on the other half`,
    `                                  (esbuild bundle, median of 6 processes): what a long run over new articles gets`,
    `  seen again   ${perSecond(cost.seenWordsPerSecond)} CPU: the same half again in those processes (the tagger's caches know the text)`,
    `  made-up      ${perSecond(madeUp.speed.heldOutWordsPerSecond)} CPU held-out, ${Math.round(madeUp.speed.seenWordsPerSecond).toLocaleString('en')} seen again: the same on ${MADE_UP_ARTICLES} articles`,
    `                                  of the bench's generator (${madeUp.words.toLocaleString('en')} words, made-up names; no text from ../shared)`,
    `  under tsx    ${rate(ours)}: every article again and again, in this process (sources run through tsx)`,
  ];
  try {
    const nlp = ((await import('compromise')) as { default: (t: string) => { people(): { out(f: string): unknown }; places(): { out(f: string): unknown }; organizations(): { out(f: string): unknown } } }).default;
    const runCompromise = () => {
      for (const t of texts) {
        const doc = nlp(t);
        doc.people().out('array');
        doc.places().out('array');
        doc.organizations().out('array');
      }
    };
    runCompromise();
    const base = time(runCompromise);
    lines.push(`  compromise   ${rate(base)}; people, places, organisations`);
    lines.push(`  ratio        ${(cost.heldOutWordsPerSecond / base.rate).toFixed(1)}× compromise (held-out against compromise's repeated passes)`);
  } catch {
    lines.push('  compromise: not installed (npm ci installs it as a devDependency)');
  }
  lines.push(
    `  start-up     ${cost.loadOnlyCpuMs.toFixed(0)} ms CPU for module and model load over a bare node start; ${cost.startupCpuMs.toFixed(0)} ms CPU ` +
      `(${cost.startupMs.toFixed(0)} ms wall) with the first article (esbuild bundle, median of 7)`,
  );
  lines.push(`  peak memory  ${Math.max(cost.peakMb, madeUp.speed.peakMb).toFixed(0)} MB resident, the most of those processes (12 passes over half the articles each)`);
  return lines;
}

async function main(): Promise<void> {
  if (!existsSync(evalDir)) {
    process.stdout.write(`npm run eval: skipped, the evaluation data folder ${evalDir} is absent (set EVAL_DIR to use another)\n`);
    return;
  }
  const cnndmPath = join(evalDir, 'cnndm-dev.jsonl');
  const rows: CnnDmRow[] = existsSync(cnndmPath)
    ? readFileSync(cnndmPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as CnnDmRow)
    : [];
  const sections: string[][] = [];
  sections.push(rows.length ? rougeSection(rows) : ['ROUGE: skipped (cnndm-dev.jsonl absent)']);
  sections.push(goldSection());
  sections.push(await conllSection());
  if (rows.length && !process.argv.includes('--no-speed')) sections.push(await speedSection(rows));
  process.stdout.write(`${sections.map((s) => s.join('\n')).join('\n\n')}\n`);
}

await main();
