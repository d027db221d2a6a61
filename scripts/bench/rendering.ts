/** Rendering: whole digest mails (HTML + text, MIME, a signed personal unsubscribe link each) per second. */
import type { BenchPlan } from './plan.ts';
import { runWorker } from './processes.ts';
import { formatNumber, formatSpread, spread, type Spread } from './stats.ts';
import type { Row } from './table.ts';
import type { RenderResult } from './worker.ts';

export interface RenderingJson {
  rendersPerSecond: number;
  sizes: Array<{ subscribers: number; rendered: number; extrapolated: boolean; rendersPerSecond: Spread; seconds: number }>;
  stories: number;
  mailBytes: number;
}

export async function benchRendering(plan: BenchPlan, log: (line: string) => void): Promise<{ rows: Row[]; json: RenderingJson }> {
  const rows: Row[] = [];
  const sizes: RenderingJson['sizes'] = [];
  let last: RenderResult | undefined;
  for (const size of plan.rendering) {
    const results: RenderResult[] = [];
    for (let run = 0; run < size.runs; run++) {
      log(`rendering: ${size.subscribers} subscribers, run ${run + 1}/${size.runs}`);
      results.push(
        await runWorker<RenderResult>(
          plan.workerFile,
          { task: 'render', subscribers: size.subscribers, issuePath: plan.issuePath, templatesDir: plan.templatesDir, budgetMs: size.budgetMs },
          plan.env,
          600_000,
        ),
      );
    }
    last = results.at(-1);
    const rate = spread(results.map((r) => (r.done / r.ms) * 1000));
    const rendered = Math.min(...results.map((r) => r.done));
    const extrapolated = rendered < size.subscribers;
    const seconds = size.subscribers / rate.median;
    sizes.push({ subscribers: size.subscribers, rendered, extrapolated, rendersPerSecond: rate, seconds });
    rows.push({
      section: rows.length ? '' : 'Rendering',
      measure: `mails/s, ${formatNumber(size.subscribers, 0)} subscribers${extrapolated ? ` (extrapolated from ${formatNumber(rendered, 0)} timed)` : ''}`,
      result: `${formatSpread(rate, 0)} (${formatNumber(seconds)} s for all)`,
    });
  }
  const headline = sizes.at(-1)!;
  return {
    rows,
    json: { rendersPerSecond: headline.rendersPerSecond.median, sizes, stories: last?.stories ?? 0, mailBytes: last?.mailBytes ?? 0 },
  };
}
