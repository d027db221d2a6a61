import { FeatureExtractor, MIN_SENTENCES, MIN_TOKENS, type SentenceFeatures } from './features.ts';
import type { Gazetteer } from './gazetteer.ts';
import { SumCache, viterbi, type PackedModel, type ViterbiScratch } from './model.ts';
import { iob2OfBilou, TAG_COUNT } from './tags.ts';

const T = TAG_COUNT;

/** Tags a whole document at once, so document-level features see every sentence. */
export interface Tagger {
  /** Tokens per sentence -> IOB2 tags per token (PER, LOC, ORG, MISC). */
  tagDocument(sentences: string[][]): string[][];
}

/**
 * A cacheable feature group of one pass (see `FIRST_PASS_GROUPS`): the summed weights of its features by
 * what they depend on, and per token of the current sentence its cache entry and whether the entry was
 * already there (1) or is this token's to fill (0).
 */
class CachedGroup {
  entry = new Int32Array(256);
  cached = new Uint8Array(256);
  constructor(readonly cache: SumCache) {}
  ensure(n: number): void {
    if (this.entry.length >= n) return;
    this.entry = new Int32Array(n * 2);
    this.cached = new Uint8Array(n * 2);
  }
}

/**
 * The two-pass tagger: pass 1 labels the document from local, document and gazetteer features; pass 2
 * adds pass 1's labels around each token and aggregated over the document, and decodes again. Both
 * passes score only the stretches of a sentence around its capitalised words (see `findRuns`).
 * Summed weights of feature groups that recur across text (a token's own text, its shape context, the
 * first-pass labels around it) are cached by hash, which is what
 * makes tagging fast. Buffers are reused across documents, so a tagger must not be shared between
 * concurrent callers (JavaScript runs one call at a time, so within a process this is automatic).
 */
export class TwoPassTagger implements Tagger {
  private readonly extractor: FeatureExtractor;
  /**
   * Per token, the summed weights of each tag in pass 1 then in pass 2 (2T values): integers (quantised
   * weights), so exact in any order. Both passes' weights of a feature are added in one go.
   */
  private scores = new Int32Array(0);
  private tags1 = new Uint8Array(0);
  private tags2 = new Uint8Array(0);
  private readonly scratch: ViterbiScratch = { delta: new Float64Array(1024), back: new Uint8Array(1024) };
  /** The stretches of tokens each sentence's decoding covers (see `findRuns`). */
  private runs = new Int32Array(0);
  private runStart = new Int32Array(0);
  private documents = 0;
  /** Caches of `FIRST_PASS_GROUPS`, in its order, sized to how much each group's keys vary. */
  private readonly firstGroups = [1 << 16, 1 << 16].map((slots) => new CachedGroup(new SumCache(slots)));
  private readonly secondGroups = [new CachedGroup(new SumCache(1 << 13))];

  constructor(
    private readonly model: PackedModel,
    gazetteer: Gazetteer,
    /** Score and decode every token, plain stretches too (see `findRuns`): slower, for comparison. */
    private readonly everyToken = false,
  ) {
    this.extractor = new FeatureExtractor(gazetteer);
  }

  /**
   * Adds the scores of one pass's features of sentence s's n tokens from `first` (the document's tokens
   * from `at`): pass 1's features into both passes' scores (pass 2 sees every first-pass feature too), or
   * pass 2's own features into pass 2's scores. The summed weights of each token's cacheable groups come
   * from their caches; the rest from the model.
   */
  private score(secondPass: boolean, s: number, first: number, n: number, at: number): void {
    const { extractor, model } = this;
    const groups = secondPass ? this.secondGroups : this.firstGroups;
    let fits = true;
    for (const group of groups) fits = group.cache.reserve(n) && fits;
    if (!fits) {
      // A sentence too long for the caches (thousands of tokens) is scored feature by feature.
      const features = secondPass ? extractor.second(s, undefined, first, n) : extractor.base(s, undefined, undefined, first, n);
      this.addUncached(features, model.resolve(features), features.offsets, at);
      return;
    }
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      group.ensure(n);
      const { cache, entry, cached } = group;
      for (let i = 0; i < n; i++) {
        // A group not in the cache gets its entry now, and this token fills it below; a later token of the
        // sentence with the same key finds that entry and skips the group's features like any other hit.
        const found = cache.findOrClaim(extractor.groupKey(secondPass, g, s, first + i, false), extractor.groupKey(secondPass, g, s, first + i, true));
        entry[i] = found >= 0 ? found : -1 - found;
        cached[i] = found >= 0 ? 1 : 0;
      }
    }
    const features = secondPass
      ? extractor.second(s, groups[0]!.cached, first, n)
      : extractor.base(s, groups[0]!.cached, groups[1]!.cached, first, n);
    const { offsets, groupEnds } = features;
    const resolved = model.resolve(features);
    for (let g = 0; g < groups.length; g++) {
      const { cache, entry, cached } = groups[g]!;
      const starts = g === 0 ? offsets : groupEnds[g - 1]!;
      const ends = groupEnds[g]!;
      for (let i = 0; i < n; i++) {
        if (cached[i] === 0) model.sumInto(resolved, starts[i]!, ends[i]!, cache.sums, entry[i]! * 2 * T);
      }
    }
    if (secondPass) this.addSecondCached(n, at);
    else this.addFirstCached(n, at);
    this.addUncached(features, resolved, groupEnds[groups.length - 1]!, at);
  }

  /**
   * The model's weights of the (resolved) features not cached: token i's from `starts[i]`. A second-pass
   * feature may share a hash with a first-pass one, whose pass-1 weights then land in pass-1 scores that
   * are already decoded: harmless.
   */
  private addUncached(features: SentenceFeatures, resolved: Int32Array, starts: Uint32Array, at: number): void {
    this.model.addWeights(features, resolved, starts, this.scores, at * 2 * T);
  }

  /** Adds the cached sums (both passes) of the first-pass groups of the sentence's n tokens. */
  private addFirstCached(n: number, at: number): void {
    const scores = this.scores;
    const [intrinsic, shapes] = this.firstGroups as [CachedGroup, CachedGroup];
    const a = intrinsic.cache.sums;
    const b = shapes.cache.sums;
    for (let i = 0; i < n; i++) {
      const base = (at + i) * 2 * T;
      const ea = intrinsic.entry[i]! * 2 * T;
      const eb = shapes.entry[i]! * 2 * T;
      for (let k = 0; k < 2 * T; k++) scores[base + k]! += a[ea + k]! + b[eb + k]!;
    }
  }

  /** Adds the cached sums of the label-window group of the sentence's n tokens to pass 2's scores. */
  private addSecondCached(n: number, at: number): void {
    const scores = this.scores;
    const { cache, entry } = this.secondGroups[0]!;
    const sums = cache.sums;
    for (let i = 0; i < n; i++) {
      const base = (at + i) * 2 * T + T;
      const e = entry[i]! * 2 * T + T;
      for (let tag = 0; tag < T; tag++) scores[base + tag]! += sums[e + tag]!;
    }
  }

  /**
   * The stretches of each sentence the tagger scores and decodes, as (first token, length) pairs from
   * `runs[runStart[s] * 2]` to `runs[runStart[s + 1] * 2]`: every token but those that are plain and
   * between plain tokens (or the sentence's ends). Names are written with capitals, so such a token is
   * O: on CoNLL-2003 dev the full decode labels 2 of 30,000 of them otherwise, and on news none; when
   * it labels them all O, decoding the stretches alone, with O around them, gives the very same tags.
   */
  private findRuns(sentenceCount: number): void {
    const extractor = this.extractor;
    let count = 0;
    for (let s = 0; s < sentenceCount; s++) {
      this.runStart[s] = count;
      const n = extractor.sentenceLength(s);
      let open = -1;
      for (let i = 0; i < n; i++) {
        const skipped =
          !this.everyToken && extractor.isPlain(s, i) && (i === 0 || extractor.isPlain(s, i - 1)) && (i + 1 === n || extractor.isPlain(s, i + 1));
        if (!skipped && open < 0) open = i;
        if (skipped && open >= 0) {
          this.runs[count * 2] = open;
          this.runs[count * 2 + 1] = i - open;
          count++;
          open = -1;
        }
      }
      if (open >= 0) {
        this.runs[count * 2] = open;
        this.runs[count * 2 + 1] = n - open;
        count++;
      }
    }
    this.runStart[sentenceCount] = count;
  }

  /** Scores and decodes one pass over every run of the document, into `tags` (O elsewhere). */
  private decodePass(secondPass: boolean, sentenceCount: number, tags: Uint8Array, each: (s: number, sentenceTags: Uint8Array) => void): void {
    const { runs, runStart, scores, scratch, model, extractor } = this;
    const transition = secondPass ? model.transition2 : model.transition1;
    let at = 0;
    for (let s = 0; s < sentenceCount; s++) {
      const n = extractor.sentenceLength(s);
      const sentenceTags = tags.subarray(at, at + n);
      sentenceTags.fill(0);
      for (let r = runStart[s]!; r < runStart[s + 1]!; r++) {
        const first = runs[r * 2]!;
        const length = runs[r * 2 + 1]!;
        this.score(secondPass, s, first, length, at + first);
        const before = first === 0 ? T : 0;
        const after = first + length === n ? T : 0;
        viterbi(scores, (at + first) * 2 * T + (secondPass ? T : 0), length, transition, sentenceTags.subarray(first, first + length), scratch, 2 * T, before, after);
      }
      each(s, sentenceTags);
      at += n;
    }
  }

  tagDocument(sentences: string[][]): string[][] {
    // On the second document, not in the middle of tagging: a branch first taken in optimised code
    // would throw that code away, and a process that tags one article does not need the filter.
    if (++this.documents === 2) this.model.buildKnownFilter();
    let total = 0;
    for (const s of sentences) total += s.length;
    // Buffers grow here only, and start large enough for a long news article: a branch first taken
    // after V8 has optimised the tagger would throw away its compiled code.
    if (this.tags1.length < total) {
      const size = Math.max(total * 2, MIN_TOKENS);
      this.scores = new Int32Array(size * 2 * T);
      this.tags1 = new Uint8Array(size);
      this.tags2 = new Uint8Array(size);
      // A stretch is at least one token: (first, length) pairs for every token at most.
      this.runs = new Int32Array(size * 2);
    }
    if (this.runStart.length < sentences.length + 1) this.runStart = new Int32Array(Math.max(sentences.length * 2 + 1, MIN_SENTENCES));
    this.scores.fill(0, 0, total * 2 * T);
    this.extractor.begin(sentences);
    this.findRuns(sentences.length);
    const first: Uint8Array[] = new Array(sentences.length);
    this.decodePass(false, sentences.length, this.tags1, (s, tags) => (first[s] = tags));
    this.extractor.setFirstPass(first);
    const result: string[][] = new Array(sentences.length);
    this.decodePass(true, sentences.length, this.tags2, (s, tags) => (result[s] = iob2OfBilou(tags)));
    return result;
  }
}
