import { seededRandom } from '../../seeded-random.ts';
import { scoreConll, type ConllDocument, type ConllScore } from './conll.ts';
import { FeatureExtractor, type FeatureList } from './features.ts';
import { distinctEntries, Gazetteer, type GazetteerEntry } from './gazetteer.ts';
import { decode, maskedTransitions, newScratch, TRANSITION_SIZE, viterbi, type Weights } from './model.ts';
import { bilouOf, iob2OfBilou, spansOf, TAG_COUNT } from './tags.ts';

const T = TAG_COUNT;

export interface TrainOptions {
  /** Seed of the shuffles: the same seed and data give the same model. */
  seed: number;
  /** Most epochs per pass; the epoch with the best dev F1 is kept. */
  epochs: number;
  /** Folds for the jackknifed gazetteer and first-pass labels the second pass trains on. */
  folds: number;
  log: (line: string) => void;
}

export interface TrainedModel {
  gazetteer: Gazetteer;
  pass1: ExportedWeights;
  pass2: ExportedWeights;
  report: { pass1: EpochReport[]; pass2: EpochReport[]; bestEpoch1: number; bestEpoch2: number };
}

export interface ExportedWeights {
  keys: Uint32Array;
  emission: Float32Array;
  transition: Float64Array;
}

export interface EpochReport {
  epoch: number;
  trainErrors: number;
  dev: ConllScore;
}

function entriesOf(docs: readonly ConllDocument[]): GazetteerEntry[] {
  const entries: GazetteerEntry[] = [];
  for (const doc of docs) {
    doc.sentences.forEach((tokens, s) => {
      for (const span of spansOf(doc.tags[s]!)) entries.push({ tokens: tokens.slice(span.start, span.end), type: span.type });
    });
  }
  return distinctEntries(entries);
}

/** A labelled sentence with its feature hashes resolved to rows of one trainable model. */
interface Example {
  gold: Uint8Array;
  rows: Int32Array;
  offsets: Uint32Array;
}

/** Averaged perceptron weights with lazy averaging (w - u / c). */
class Trainable {
  readonly index = new Map<number, number>();
  emission = new Float32Array(1 << 20);
  private accumulated = new Float64Array(1 << 20);
  readonly transition = new Float64Array(TRANSITION_SIZE);
  private readonly transitionAccumulated = new Float64Array(TRANSITION_SIZE);
  clock = 1;

  /** Rows for hashes; new hashes get rows when `grow`, otherwise -1. */
  rows(features: FeatureList, grow: boolean): Int32Array {
    const rows = new Int32Array(features.hashes.length);
    for (let f = 0; f < rows.length; f++) {
      const hash = features.hashes[f]!;
      let row = this.index.get(hash);
      if (row === undefined) {
        if (!grow) {
          rows[f] = -1;
          continue;
        }
        row = this.index.size;
        this.index.set(hash, row);
        if ((row + 1) * T > this.emission.length) {
          const emission = new Float32Array(this.emission.length * 2);
          emission.set(this.emission);
          this.emission = emission;
          const accumulated = new Float64Array(this.accumulated.length * 2);
          accumulated.set(this.accumulated);
          this.accumulated = accumulated;
        }
      }
      rows[f] = row;
    }
    return rows;
  }

  scores(example: Example, scores: Float64Array): void {
    const n = example.gold.length;
    scores.fill(0, 0, n * T);
    const { rows, offsets } = example;
    const emission = this.emission;
    for (let i = 0; i < n; i++) {
      const base = i * T;
      for (let f = offsets[i]!; f < offsets[i + 1]!; f++) {
        const row = rows[f]!;
        if (row < 0) continue;
        const w = row * T;
        for (let t = 0; t < T; t++) scores[base + t]! += emission[w + t]!;
      }
    }
  }

  update(example: Example, predicted: Uint8Array): boolean {
    const { gold, rows, offsets } = example;
    const n = gold.length;
    let wrong = false;
    const c = this.clock;
    for (let i = 0; i < n; i++) {
      const g = gold[i]!;
      const p = predicted[i]!;
      if (g === p) continue;
      wrong = true;
      for (let f = offsets[i]!; f < offsets[i + 1]!; f++) {
        const row = rows[f]!;
        if (row < 0) continue;
        this.emission[row * T + g]! += 1;
        this.accumulated[row * T + g]! += c;
        this.emission[row * T + p]! -= 1;
        this.accumulated[row * T + p]! -= c;
      }
    }
    if (wrong) {
      const W = T + 1;
      for (let i = 0; i <= n; i++) {
        const gp = i === 0 ? T : gold[i - 1]!;
        const gn = i === n ? T : gold[i]!;
        const pp = i === 0 ? T : predicted[i - 1]!;
        const pn = i === n ? T : predicted[i]!;
        if (gp === pp && gn === pn) continue;
        this.transition[gp * W + gn]! += 1;
        this.transitionAccumulated[gp * W + gn]! += c;
        this.transition[pp * W + pn]! -= 1;
        this.transitionAccumulated[pp * W + pn]! -= c;
      }
    }
    this.clock++;
    return wrong;
  }

  /** The averaged weights, as a decodable model (rows keyed by the training index). */
  averaged(): ExportedWeights & Weights {
    const rowsUsed = this.index.size;
    const emission = new Float32Array(rowsUsed * T);
    const c = this.clock;
    for (let k = 0; k < emission.length; k++) emission[k] = this.emission[k]! - this.accumulated[k]! / c;
    const transition = new Float64Array(TRANSITION_SIZE);
    for (let k = 0; k < transition.length; k++) transition[k] = this.transition[k]! - this.transitionAccumulated[k]! / c;
    const keys = new Uint32Array(rowsUsed);
    for (const [hash, row] of this.index) keys[row] = hash;
    const index = this.index;
    return { keys, emission, transition, rowOf: (hash: number) => index.get(hash) ?? -1 };
  }
}

function runPerceptron(
  examples: readonly Example[],
  model: Trainable,
  epochs: number,
  random: () => number,
  evaluate: ((weights: ExportedWeights & Weights, epoch: number, errors: number) => number) | undefined,
): { best: ExportedWeights & Weights; bestEpoch: number } {
  const order = examples.map((_, i) => i);
  const scratch = newScratch();
  let best: (ExportedWeights & Weights) | undefined;
  let bestF1 = -1;
  let bestEpoch = 0;
  const predicted = new Uint8Array(1024);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const e of order) {
      const example = examples[e]!;
      const n = example.gold.length;
      if (scratch.scores.length < n * T) scratch.scores = new Float64Array(n * T * 2);
      model.scores(example, scratch.scores);
      const out = predicted.subarray(0, n);
      viterbi(scratch.scores, 0, n, maskedTransitions(model.transition), out, scratch);
      if (model.update(example, out)) errors++;
    }
    if (evaluate) {
      const averaged = model.averaged();
      const f1 = evaluate(averaged, epoch, errors);
      if (f1 > bestF1) {
        bestF1 = f1;
        best = averaged;
        bestEpoch = epoch;
      }
    } else if (epoch === epochs) {
      best = model.averaged();
      bestEpoch = epoch;
    }
  }
  return { best: best!, bestEpoch };
}

interface DocFeatures {
  doc: ConllDocument;
  base: FeatureList[];
  gold: Uint8Array[];
}

function mergeFeatures(a: FeatureList, b: FeatureList): FeatureList {
  const n = a.offsets.length - 1;
  const hashes = new Uint32Array(a.hashes.length + b.hashes.length);
  const offsets = new Uint32Array(n + 1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = k;
    hashes.set(a.hashes.subarray(a.offsets[i]!, a.offsets[i + 1]!), k);
    k += a.offsets[i + 1]! - a.offsets[i]!;
    hashes.set(b.hashes.subarray(b.offsets[i]!, b.offsets[i + 1]!), k);
    k += b.offsets[i + 1]! - b.offsets[i]!;
  }
  offsets[n] = k;
  return { hashes, offsets };
}

function predictDocs(weights: Weights, docs: readonly { base: FeatureList[] }[]): Uint8Array[][] {
  const scratch = newScratch();
  return docs.map((d) => d.base.map((features) => decode(weights, [features], scratch)));
}

function devScore(docs: readonly DocFeatures[], predicted: readonly Uint8Array[][]): ConllScore {
  const gold: string[][] = [];
  const pred: string[][] = [];
  docs.forEach((d, i) => {
    gold.push(...d.doc.tags);
    pred.push(...predicted[i]!.map(iob2OfBilou));
  });
  return scoreConll(gold, pred);
}

function formatScore(score: ConllScore): string {
  const p = score.perType;
  return `PER/LOC/ORG F1 ${score.micro.f1.toFixed(2)} (PER ${p.PER.f1.toFixed(2)} LOC ${p.LOC.f1.toFixed(2)} ORG ${p.ORG.f1.toFixed(2)} MISC ${p.MISC.f1.toFixed(2)}; all ${score.overall.f1.toFixed(2)})`;
}

/**
 * Trains the two-pass tagger: a first pass on local, document and gazetteer features, then a second
 * pass that also sees the first pass's labels around each token and aggregated over the document.
 * The second pass trains on jackknifed first-pass labels (each fold labelled by a model that never saw
 * it), and the gazetteer features of training documents come from the other folds' names, so neither
 * feature looks better in training than it will on new text.
 */
export function trainTagger(train: readonly ConllDocument[], dev: readonly ConllDocument[], options: TrainOptions): TrainedModel {
  const { folds, log } = options;
  const random = seededRandom(options.seed);
  const foldOf = (d: number) => d % folds;
  const fullGazetteer = Gazetteer.build(entriesOf(train));
  const foldGazetteers = Array.from(
    { length: folds },
    (_, k) => Gazetteer.build(entriesOf(train.filter((_, d) => foldOf(d) !== k))),
  );
  const foldExtractors = foldGazetteers.map((gazetteer) => new FeatureExtractor(gazetteer));
  const trainDocs: DocFeatures[] = train.map((doc, d) => ({
    doc,
    base: foldExtractors[foldOf(d)]!.document(doc.sentences),
    gold: doc.sentences.map((tokens, s) => bilouOf(spansOf(doc.tags[s]!), tokens.length)),
  }));
  const devExtractor = new FeatureExtractor(fullGazetteer);
  const devDocs: DocFeatures[] = dev.map((doc) => ({
    doc,
    base: devExtractor.document(doc.sentences),
    gold: doc.sentences.map((tokens, s) => bilouOf(spansOf(doc.tags[s]!), tokens.length)),
  }));
  log(`features extracted: ${trainDocs.length} training documents, ${devDocs.length} dev documents`);

  const examplesFor = (model: Trainable, docs: readonly DocFeatures[], features: (d: number, s: number) => FeatureList) =>
    docs.flatMap((d, i) =>
      d.gold.map((gold, s) => {
        const f = features(i, s);
        return { gold, rows: model.rows(f, true), offsets: f.offsets };
      }),
    );

  // Pass 1 on all training documents, keeping the epoch with the best dev F1.
  const pass1Report: EpochReport[] = [];
  const pass1Model = new Trainable();
  const pass1Examples = examplesFor(pass1Model, trainDocs, (d, s) => trainDocs[d]!.base[s]!);
  log(`pass 1: ${pass1Model.index.size} features`);
  const pass1 = runPerceptron(pass1Examples, pass1Model, options.epochs, random, (weights, epoch, errors) => {
    const dev = devScore(devDocs, predictDocs(weights, devDocs));
    pass1Report.push({ epoch, trainErrors: errors, dev });
    log(`pass 1 epoch ${epoch}: ${errors} training sentences wrong; dev ${formatScore(dev)}`);
    return dev.overall.f1 + dev.micro.f1;
  });
  log(`pass 1: best epoch ${pass1.bestEpoch}`);

  // Jackknifed first-pass labels for the training documents.
  const jackknifed: Uint8Array[][] = new Array(trainDocs.length);
  for (let k = 0; k < folds; k++) {
    const model = new Trainable();
    const inFold = trainDocs.map((_, d) => foldOf(d) === k);
    const rest = trainDocs.filter((_, d) => !inFold[d]);
    const examples = examplesFor(model, rest, (d, s) => rest[d]!.base[s]!);
    const { best } = runPerceptron(examples, model, pass1.bestEpoch, random, undefined);
    trainDocs.forEach((doc, d) => {
      if (inFold[d]) jackknifed[d] = predictDocs(best, [doc])[0]!;
    });
    log(`jackknife fold ${k + 1}/${folds} labelled`);
  }

  // Pass 2: the same features plus the first pass's labels.
  const devPass1 = predictDocs(pass1.best, devDocs);
  const trainSecond = trainDocs.map((d, i) =>
    foldExtractors[foldOf(i)]!.document(d.doc.sentences, jackknifed[i]!),
  );
  const devSecond = devDocs.map((d, i) => devExtractor.document(d.doc.sentences, devPass1[i]!));
  const pass2Model = new Trainable();
  const pass2Examples = examplesFor(pass2Model, trainDocs, (d, s) => mergeFeatures(trainDocs[d]!.base[s]!, trainSecond[d]![s]!));
  log(`pass 2: ${pass2Model.index.size} features`);
  const pass2Report: EpochReport[] = [];
  const scratch = newScratch();
  const pass2 = runPerceptron(pass2Examples, pass2Model, options.epochs, random, (weights, epoch, errors) => {
    const predicted = devDocs.map((d, i) =>
      d.base.map((features, s) => decode(weights, [features, devSecond[i]![s]!], scratch)),
    );
    const dev = devScore(devDocs, predicted);
    pass2Report.push({ epoch, trainErrors: errors, dev });
    log(`pass 2 epoch ${epoch}: ${errors} training sentences wrong; dev ${formatScore(dev)}`);
    return dev.overall.f1 + dev.micro.f1;
  });
  log(`pass 2: best epoch ${pass2.bestEpoch}`);
  return {
    gazetteer: fullGazetteer,
    pass1: pass1.best,
    pass2: pass2.best,
    report: { pass1: pass1Report, pass2: pass2Report, bestEpoch1: pass1.bestEpoch, bestEpoch2: pass2.bestEpoch },
  };
}
