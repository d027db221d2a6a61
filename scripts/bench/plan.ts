/** How much the bench measures: the full run (under 3 minutes) or `--quick` (under 30 s, for development). */
import type { SendMode } from './worker.ts';

export interface BenchPlan {
  quick: boolean;
  workerFile: string;
  examplePath: string;
  templatesDir: string;
  tmpDir: string;
  /** Where `prepare` leaves the bench issue and one rendered mail of it. */
  issuePath: string;
  mailPath: string;
  /** Extra environment for every bench process (where the runtime assets are). */
  env: Record<string, string>;
  /**
   * Article counts, each run `runs` times in fresh processes. Time boxes keep the whole bench inside its
   * budget on a loaded machine: a boxed engine stops, and the table says how far it got.
   */
  extraction: Array<{ articles: number; runs: number; compromiseBudgetMs?: number; oursBudgetMs?: number }>;
  /** Ratios are taken over runs with at least this many articles (one article mostly measures a cold JIT). */
  ratioFromArticles: number;
  coldStartRounds: number;
  rendering: Array<{ subscribers: number; runs: number; budgetMs?: number }>;
  sending: { rates: number[]; windowSeconds: number; concurrency: number; warmUpRounds: number; modes: SendMode[] };
}

export function makePlan(quick: boolean, paths: Pick<BenchPlan, 'workerFile' | 'examplePath' | 'templatesDir' | 'tmpDir' | 'issuePath' | 'mailPath' | 'env'>): BenchPlan {
  return quick
    ? {
        quick,
        ...paths,
        extraction: [
          { articles: 1, runs: 1 },
          { articles: 100, runs: 1, compromiseBudgetMs: 1000 },
        ],
        ratioFromArticles: 100,
        coldStartRounds: 2,
        rendering: [
          { subscribers: 10, runs: 1 },
          { subscribers: 1000, runs: 1, budgetMs: 500 },
          { subscribers: 100_000, runs: 1, budgetMs: 1000 },
        ],
        sending: { rates: [14, 200, 5000], windowSeconds: 0.5, concurrency: 64, warmUpRounds: 1, modes: ['paced', 'naive'] },
      }
    : {
        quick,
        ...paths,
        extraction: [
          { articles: 1, runs: 3 },
          { articles: 100, runs: 2, compromiseBudgetMs: 3000 },
          { articles: 1000, runs: 1, compromiseBudgetMs: 5000, oursBudgetMs: 75_000 },
        ],
        ratioFromArticles: 100,
        coldStartRounds: 12,
        rendering: [
          { subscribers: 10, runs: 3 },
          { subscribers: 1000, runs: 2, budgetMs: 5000 },
          { subscribers: 100_000, runs: 1, budgetMs: 10_000 },
        ],
        sending: { rates: [14, 200, 5000], windowSeconds: 2, concurrency: 64, warmUpRounds: 3, modes: ['paced', 'paced-sequential', 'naive', 'paced-stub'] },
      };
}
