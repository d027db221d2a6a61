import { FeatureExtractor } from './features.ts';
import type { Gazetteer } from './gazetteer.ts';
import { IntrinsicCache, viterbi, type PackedModel, type ViterbiScratch } from './model.ts';
import { iob2OfBilou, TAG_COUNT } from './tags.ts';

/** Tags a whole document at once, so document-level features see every sentence. */
export interface Tagger {
  /** Tokens per sentence -> IOB2 tags per token (PER, LOC, ORG, MISC). */
  tagDocument(sentences: string[][]): string[][];
}

/**
 * The two-pass tagger: pass 1 labels the document from local, document and gazetteer features; pass 2
 * adds pass 1's labels around each token and aggregated over the document, and decodes again.
 * Summed weights of feature groups that recur across text (a token's own text, its shape context, the
 * first-pass labels around it) are cached by hash, which is what makes tagging fast.
 * Buffers are reused across documents, so a tagger must not be shared between concurrent callers
 * (JavaScript runs one call at a time, so within a process this is automatic).
 */
export class TwoPassTagger implements Tagger {
  private readonly extractor: FeatureExtractor;
  private scores1 = new Float64Array(0);
  private scores2 = new Float64Array(0);
  private tags1 = new Uint8Array(0);
  private tags2 = new Uint8Array(0);
  private readonly scratch: ViterbiScratch = { delta: new Float64Array(1024), back: new Uint8Array(1024) };
  private readonly wordCache = new IntrinsicCache();
  private readonly shapesCache = new IntrinsicCache(1 << 14);
  private readonly windowCache = new IntrinsicCache(1 << 13);
  private wordSlot = new Int32Array(256);
  private shapesSlot = new Int32Array(256);
  private cachedWord = new Uint8Array(256);
  private cachedShapes = new Uint8Array(256);
  private cachedWindow = new Uint8Array(256);
  private windowSlot = new Int32Array(256);

  constructor(
    private readonly model: PackedModel,
    gazetteer: Gazetteer,
  ) {
    this.extractor = new FeatureExtractor(gazetteer);
  }

  /**
   * Pass-1 and pass-2 scores of sentence s's first-pass features. The intrinsic and the shape-context
   * features of most tokens recur across text, so their summed weights come from two caches.
   */
  private scoreFirst(s: number, n: number, at: number): void {
    const { extractor, model, scores1, scores2 } = this;
    if (this.cachedWord.length < n) {
      this.cachedWord = new Uint8Array(n * 2);
      this.cachedShapes = new Uint8Array(n * 2);
      this.wordSlot = new Int32Array(n * 2);
      this.shapesSlot = new Int32Array(n * 2);
    }
    const { cachedWord, cachedShapes, wordSlot, shapesSlot, wordCache, shapesCache } = this;
    if (!wordCache.reserve(n) || !shapesCache.reserve(n)) {
      model.addBoth(extractor.base(s), scores1, scores2, at * TAG_COUNT);
      return;
    }
    const from = extractor.sentenceFrom(s);
    for (let i = 0; i < n; i++) {
      const t = from + i;
      const slot = wordCache.find(extractor.tokenIdentity(t), extractor.tokenCheck(t));
      cachedWord[i] = slot >= 0 ? 1 : 0;
      wordSlot[i] = slot;
      const shapes = shapesCache.find(extractor.shapeContext(s, t, false), extractor.shapeContext(s, t, true));
      cachedShapes[i] = shapes >= 0 ? 1 : 0;
      shapesSlot[i] = shapes;
    }
    const features = extractor.base(s, cachedWord, cachedShapes);
    const { hashes, offsets } = features;
    const intrinsicEnd = features.intrinsicEnd!;
    const shapesEnd = features.shapesEnd!;
    const T = TAG_COUNT;
    for (let i = 0; i < n; i++) {
      const t = from + i;
      let slot = wordSlot[i]!;
      if (slot < 0) {
        // Two tokens of one sentence may share a text: the first one fills the slot.
        slot = wordCache.find(extractor.tokenIdentity(t), extractor.tokenCheck(t));
        if (slot < 0) {
          slot = wordCache.claim(extractor.tokenIdentity(t), extractor.tokenCheck(t));
          model.sumInto(hashes, offsets[i]!, intrinsicEnd[i]!, wordCache.sums, slot * 2 * T);
        }
      }
      let shapes = shapesSlot[i]!;
      if (shapes < 0) {
        const identity = extractor.shapeContext(s, t, false);
        const check = extractor.shapeContext(s, t, true);
        shapes = shapesCache.find(identity, check);
        if (shapes < 0) {
          shapes = shapesCache.claim(identity, check);
          model.sumInto(hashes, intrinsicEnd[i]!, shapesEnd[i]!, shapesCache.sums, shapes * 2 * T);
        }
      }
      const base = (at + i) * T;
      const word = wordCache.sums;
      const context = shapesCache.sums;
      const w = slot * 2 * T;
      const c = shapes * 2 * T;
      for (let tag = 0; tag < T; tag++) {
        scores1[base + tag]! += word[w + tag]! + context[c + tag]!;
        scores2[base + tag]! += word[w + T + tag]! + context[c + T + tag]!;
      }
    }
    model.addBoth(features, scores1, scores2, at * T);
  }

  /** Pass-2 scores of sentence s's second-pass features, label-window ones through a cache. */
  private scoreSecond(s: number, n: number, at: number): void {
    const { extractor, model, scores2, windowCache } = this;
    if (!windowCache.reserve(n)) {
      model.addSecond(extractor.second(s), scores2, at * TAG_COUNT);
      return;
    }
    if (this.cachedWindow.length < n) {
      this.cachedWindow = new Uint8Array(n * 2);
      this.windowSlot = new Int32Array(n * 2);
    }
    const { cachedWindow: cached, windowSlot: slots } = this;
    for (let i = 0; i < n; i++) {
      const slot = windowCache.find(extractor.labelWindow(s, i, false), extractor.labelWindow(s, i, true));
      cached[i] = slot >= 0 ? 1 : 0;
      slots[i] = slot;
    }
    const features = extractor.second(s, cached);
    const { hashes, offsets } = features;
    const windowEnd = features.windowEnd!;
    const T = TAG_COUNT;
    const sums = windowCache.sums;
    for (let i = 0; i < n; i++) {
      let slot = slots[i]!;
      if (slot < 0) {
        const identity = extractor.labelWindow(s, i, false);
        const check = extractor.labelWindow(s, i, true);
        slot = windowCache.find(identity, check);
        if (slot < 0) {
          slot = windowCache.claim(identity, check);
          model.sumInto(hashes, offsets[i]!, windowEnd[i]!, sums, slot * 2 * T);
        }
      }
      const base = (at + i) * T;
      const w = slot * 2 * T + T;
      for (let tag = 0; tag < T; tag++) scores2[base + tag]! += sums[w + tag]!;
    }
    model.addSecond(features, scores2, at * T);
  }

  tagDocument(sentences: string[][]): string[][] {
    const model = this.model;
    const extractor = this.extractor;
    let total = 0;
    for (const s of sentences) total += s.length;
    if (this.tags1.length < total) {
      this.scores1 = new Float64Array(total * TAG_COUNT * 2);
      this.scores2 = new Float64Array(total * TAG_COUNT * 2);
      this.tags1 = new Uint8Array(total * 2);
      this.tags2 = new Uint8Array(total * 2);
    }
    const { scores1, scores2, tags1, tags2, scratch } = this;
    scores1.fill(0, 0, total * TAG_COUNT);
    scores2.fill(0, 0, total * TAG_COUNT);
    extractor.begin(sentences);
    const first: Uint8Array[] = new Array(sentences.length);
    let at = 0;
    for (let s = 0; s < sentences.length; s++) {
      const n = sentences[s]!.length;
      this.scoreFirst(s, n, at);
      const tags = tags1.subarray(at, at + n);
      viterbi(scores1, at * TAG_COUNT, n, model.transition1, tags, scratch);
      first[s] = tags;
      at += n;
    }
    extractor.setFirstPass(first);
    const result: string[][] = new Array(sentences.length);
    at = 0;
    for (let s = 0; s < sentences.length; s++) {
      const n = sentences[s]!.length;
      this.scoreSecond(s, n, at);
      const tags = tags2.subarray(at, at + n);
      viterbi(scores2, at * TAG_COUNT, n, model.transition2, tags, scratch);
      result[s] = iob2OfBilou(tags);
      at += n;
    }
    return result;
  }
}
