/**
 * The TextRank baseline (Mihalcea and Tarau, 2004): sentences are nodes, edges weigh word overlap
 * normalised by log lengths, PageRank with damping 0.85; the top sentences in article order.
 */
import { tokenize } from './rouge.ts';

export function textRank(sentences: readonly string[], count: number): string[] {
  const words = sentences.map((s) => new Set(tokenize(s)));
  const n = sentences.length;
  const weights: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = words[i] as Set<string>;
      const b = words[j] as Set<string>;
      if (a.size < 2 || b.size < 2) continue;
      let overlap = 0;
      for (const w of a) if (b.has(w)) overlap++;
      const w = overlap / (Math.log(a.size) + Math.log(b.size));
      (weights[i] as number[])[j] = w;
      (weights[j] as number[])[i] = w;
    }
  }
  const out = weights.map((row) => row.reduce((s, x) => s + x, 0));
  let score = new Array<number>(n).fill(1 / Math.max(n, 1));
  for (let iteration = 0; iteration < 100; iteration++) {
    const next = score.map((_, i) => {
      let s = 0;
      for (let j = 0; j < n; j++) {
        const w = (weights[j] as number[])[i] as number;
        if (w > 0) s += (w / (out[j] as number)) * (score[j] as number);
      }
      return 0.15 / n + 0.85 * s;
    });
    const delta = next.reduce((d, x, i) => d + Math.abs(x - (score[i] as number)), 0);
    score = next;
    if (delta < 1e-6) break;
  }
  const top = score
    .map((s, i) => [s, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, count)
    .map(([, i]) => i)
    .sort((a, b) => a - b);
  return top.map((i) => sentences[i] as string);
}
