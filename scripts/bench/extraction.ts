/**
 * Extraction: our engine against compromise (people, places, organisations) and against the floor of
 * splitting on white space, each run in a fresh process over the same seeded corpus, runs interleaved so
 * the machine's noise hits all three alike.
 */
import type { BenchPlan } from './plan.ts';
import { runWorker } from './processes.ts';
import { formatNumber, formatSpread, median, p99, spread, type Spread } from './stats.ts';
import { verdict, type Row } from './table.ts';
import type { Engine, ExtractResult } from './worker.ts';

export interface ExtractionJson {
  wordsPerSecond: number;
  vsCompromise: number;
  vsWhitespaceFloor: number;
  peakRssMb: number;
  /** The article count the headline figures come from. */
  articles: number;
  vsCompromiseSpread: Spread;
  vsWhitespaceFloorSpread: Spread;
  sizes: Array<{
    articles: number;
    runs: number;
    words: number;
    wordsPerSecond: Record<Engine, Spread>;
    msPerArticle: Record<Engine, { median: number; p99: number }>;
    /** Articles compromise got through before its time box (it is slow): the ratio is taken on that prefix. */
    compromiseArticles: number;
    /** Articles our engine got through before its time box (the full count unless the machine is very slow). */
    oursArticles: number;
    peakRssMb: Record<Engine, number>;
  }>;
}

const wps = (words: number, ms: number) => (words / ms) * 1000;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export async function benchExtraction(plan: BenchPlan, log: (line: string) => void): Promise<{ rows: Row[]; json: ExtractionJson }> {
  const rows: Row[] = [];
  const sizes: ExtractionJson['sizes'] = [];
  const ratiosVsCompromise: number[] = [];
  const ratiosFloor: number[] = [];
  let headline = { articles: 0, wordsPerSecond: Number.NaN, peakRssMb: Number.NaN };

  for (const size of plan.extraction) {
    const results: Record<Engine, ExtractResult[]> = { ours: [], compromise: [], floor: [] };
    for (let run = 0; run < size.runs; run++) {
      for (const engine of ['ours', 'compromise', 'floor'] as const) {
        const budgetMs = engine === 'compromise' ? size.compromiseBudgetMs : engine === 'ours' ? size.oursBudgetMs : undefined;
        log(`extraction: ${engine}, ${size.articles} article(s), run ${run + 1}/${size.runs}`);
        results[engine].push(
          await runWorker<ExtractResult>(plan.workerFile, { task: 'extract', engine, articles: size.articles, examplePath: plan.examplePath, budgetMs }, plan.env, 600_000),
        );
      }
      const ours = results.ours[run]!;
      const comp = results.compromise[run]!;
      const floor = results.floor[run]!;
      // Same text for both: the articles compromise got through. The first article of a fresh process is
      // mostly JIT warm-up (the 1-article row shows it), so it is left out when there are others.
      const shared = Math.min(ours.done, comp.done);
      const from = shared > 1 ? 1 : 0;
      const oursOnPrefix = wps(sum(ours.articleWords.slice(from, shared)), sum(ours.articleMs.slice(from, shared)));
      const compOnPrefix = wps(sum(comp.articleWords.slice(from, shared)), sum(comp.articleMs.slice(from, shared)));
      const oursRate = wps(ours.words, ours.ms);
      if (size.articles >= plan.ratioFromArticles) {
        ratiosVsCompromise.push(oursOnPrefix / compOnPrefix);
        ratiosFloor.push(wps(floor.words, floor.ms) / oursRate);
      }
    }
    const rate = (engine: Engine) => spread(results[engine].map((r) => wps(r.words, r.ms)));
    const perArticle = (engine: Engine) => {
      const all = results[engine].flatMap((r) => r.articleMs);
      return { median: median(all), p99: p99(all) };
    };
    const entry = {
      articles: size.articles,
      runs: size.runs,
      words: results.ours[0]!.words,
      wordsPerSecond: { ours: rate('ours'), compromise: rate('compromise'), floor: rate('floor') },
      msPerArticle: { ours: perArticle('ours'), compromise: perArticle('compromise'), floor: perArticle('floor') },
      compromiseArticles: Math.min(...results.compromise.map((r) => r.done)),
      oursArticles: Math.min(...results.ours.map((r) => r.done)),
      peakRssMb: {
        ours: Math.max(...results.ours.map((r) => r.peakRssMb)),
        compromise: Math.max(...results.compromise.map((r) => r.peakRssMb)),
        floor: Math.max(...results.floor.map((r) => r.peakRssMb)),
      },
    };
    sizes.push(entry);
    headline = { articles: entry.oursArticles, wordsPerSecond: entry.wordsPerSecond.ours.median, peakRssMb: entry.peakRssMb.ours };

    const label = `${formatNumber(size.articles, 0)} article${size.articles === 1 ? '' : 's'} (${formatNumber(entry.words, 0)} words, ${size.runs} run${size.runs === 1 ? '' : 's'})`;
    const boxed = (done: number) => (done < size.articles ? ` (time-boxed: first ${done} articles)` : '');
    rows.push({ section: 'Extraction', measure: `words/s, ${label}: ours${boxed(entry.oursArticles)}`, result: formatSpread(entry.wordsPerSecond.ours, 0) });
    rows.push({ section: '', measure: `  compromise${boxed(entry.compromiseArticles)}`, result: formatSpread(entry.wordsPerSecond.compromise, 0) });
    rows.push({ section: '', measure: '  white-space floor', result: formatSpread(entry.wordsPerSecond.floor, 0) });
    rows.push({
      section: '',
      measure: '  ms per article, ours (median / p99)',
      result: `${formatNumber(entry.msPerArticle.ours.median)} / ${formatNumber(entry.msPerArticle.ours.p99)}`,
    });
    rows.push({
      section: '',
      measure: '  ms per article, compromise (median / p99)',
      result: `${formatNumber(entry.msPerArticle.compromise.median)} / ${formatNumber(entry.msPerArticle.compromise.p99)}`,
    });
  }

  const vsCompromise = spread(ratiosVsCompromise);
  const vsFloor = spread(ratiosFloor);
  const from = `runs at ≥ ${formatNumber(plan.ratioFromArticles, 0)} articles`;
  rows.push({ section: 'Extraction', measure: `ours ÷ compromise, words/s (${from})`, result: `${formatSpread(vsCompromise)}×`, target: '≥ 25×', verdict: verdict(vsCompromise.median >= 25) });
  rows.push({ section: '', measure: `white-space floor ÷ ours, words/s (${from})`, result: `${formatSpread(vsFloor)}×`, target: '≤ 20×', verdict: verdict(vsFloor.median <= 20) });
  rows.push({
    section: '',
    measure: `peak RSS, ours, ${formatNumber(headline.articles, 0)} articles held in memory`,
    result: `${formatNumber(headline.peakRssMb, 0)} MB`,
    target: headline.articles >= 1000 ? '≤ 150 MB' : '≤ 150 MB (at 1,000: not run)',
    verdict: headline.articles >= 1000 ? verdict(headline.peakRssMb <= 150) : 'info',
  });

  return {
    rows,
    json: {
      wordsPerSecond: headline.wordsPerSecond,
      vsCompromise: vsCompromise.median,
      vsWhitespaceFloor: vsFloor.median,
      peakRssMb: headline.peakRssMb,
      articles: headline.articles,
      vsCompromiseSpread: vsCompromise,
      vsWhitespaceFloorSpread: vsFloor,
      sizes,
    },
  };
}
