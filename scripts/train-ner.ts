/**
 * Trains the named-entity tagger and writes functions/core/facts/ner/ner-model.bin.
 * Deterministic: fixed seed, fixed fold assignment (document index mod 5), data read in file order.
 * Reads CoNLL-2003 from ../shared/eval (override with NER_TRAIN / NER_DEV); uses only the token and tag
 * columns. See functions/core/facts/ner/README.md.
 *   npm run train:ner
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseConll, scoreConll, type ConllScore } from '../functions/core/facts/ner/conll.ts';
import { MODEL_FILE_NAME, taggerFromBytes } from '../functions/core/facts/ner/load.ts';
import { encodeModel } from '../functions/core/facts/ner/model-file.ts';
import { trainTagger } from '../functions/core/facts/ner/train.ts';

const SEED = 20260;
const EPOCHS = 12;
const FOLDS = 5;
/** Quantisation step of the stored weights. */
const SCALE = 1 / 64;
/**
 * Candidate thresholds below which weights are dropped from the shipped model; the largest one that
 * keeps dev F1 (PER/LOC/ORG) within 0.1 of keeping every weight (about 5 of dev's 5,900 names) is
 * used: fewer weights tag faster (the tagger waits on the weight table) and load faster.
 */
const MIN_WEIGHTS = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2];
const TOLERANCE = 0.1;

const root = new URL('..', import.meta.url).pathname;
const trainPath = process.env.NER_TRAIN ?? `${root}../shared/eval/conll2003-train.iob1`;
const devPath = process.env.NER_DEV ?? `${root}../shared/eval/conll2003-dev.iob1`;
const outPath = `${root}functions/core/facts/ner/${MODEL_FILE_NAME}`;

const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${line}`);
const train = parseConll(readFileSync(trainPath, 'utf8'));
const dev = parseConll(readFileSync(devPath, 'utf8'));
const model = trainTagger(train, dev, { seed: SEED, epochs: Number(process.env.EPOCHS ?? EPOCHS), folds: FOLDS, log });

function devScore(bytes: Uint8Array): ConllScore {
  const tagger = taggerFromBytes(bytes);
  const gold = dev.flatMap((doc) => doc.tags);
  const predicted = dev.flatMap((doc) => tagger.tagDocument(doc.sentences));
  return scoreConll(gold, predicted);
}

const candidates = MIN_WEIGHTS.map((minWeight) => {
  const bytes = encodeModel({ gazetteer: model.gazetteer, pass1: model.pass1, pass2: model.pass2 }, SCALE, minWeight);
  const score = devScore(bytes);
  log(`min weight ${minWeight}: ${(bytes.length / 1e6).toFixed(2)} MB, dev PER/LOC/ORG F1 ${score.micro.f1.toFixed(2)} (all ${score.overall.f1.toFixed(2)})`);
  return { minWeight, bytes, score };
});
const full = candidates[0]!.score.micro.f1;
const chosen = candidates.filter((c) => c.score.micro.f1 >= full - TOLERANCE).at(-1)!;
writeFileSync(outPath, chosen.bytes);
const p = chosen.score.perType;
log(
  `wrote ${outPath} (${(chosen.bytes.length / 1e6).toFixed(2)} MB, min weight ${chosen.minWeight}); shipped model on dev: ` +
    `PER/LOC/ORG F1 ${chosen.score.micro.f1.toFixed(2)}; PER ${p.PER.f1.toFixed(2)} LOC ${p.LOC.f1.toFixed(2)} ORG ${p.ORG.f1.toFixed(2)} MISC ${p.MISC.f1.toFixed(2)}; all four ${chosen.score.overall.f1.toFixed(2)}`,
);
