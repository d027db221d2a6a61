import { FeatureExtractor } from './features.ts';
import type { LoadedModel } from './model-file.ts';
import { decode, newScratch } from './model.ts';
import { iob2OfBilou } from './tags.ts';

/** Tags a whole document at once, so document-level features see every sentence. */
export interface Tagger {
  /** Tokens per sentence -> IOB2 tags per token (PER, LOC, ORG, MISC). */
  tagDocument(sentences: string[][]): string[][];
}

/**
 * The two-pass tagger: pass 1 labels the document from local, document and gazetteer features; pass 2
 * adds pass 1's labels around each token and aggregated over the document, and decodes again.
 */
export class TwoPassTagger implements Tagger {
  private readonly extractor: FeatureExtractor;
  private readonly scratch = newScratch();

  constructor(private readonly model: LoadedModel) {
    this.extractor = new FeatureExtractor(model.gazetteer);
  }

  tagDocument(sentences: string[][]): string[][] {
    const { pass1, pass2 } = this.model;
    const nonEmpty = sentences.map((s) => s.length > 0);
    const base = this.extractor.document(sentences);
    const first = base.map((features, s) =>
      nonEmpty[s] ? decode([{ weights: pass1, features }], this.scratch) : new Uint8Array(0),
    );
    const second = this.extractor.document(sentences, { tags: first });
    return base.map((features, s) =>
      nonEmpty[s]
        ? iob2OfBilou(decode([{ weights: pass2, features }, { weights: pass2, features: second[s]! }], this.scratch))
        : [],
    );
  }
}
