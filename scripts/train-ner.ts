/**
 * Trains the named-entity tagger and writes functions/core/facts/ner/ner-model.bin.
 * Deterministic: fixed seed, fixed fold assignment, data read in file order. Reads the CoNLL-2003 files
 * from ../shared/eval (override with NER_TRAIN / NER_DEV).
 *   npm run train:ner
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseConll } from '../functions/core/facts/ner/conll.ts';
import { MODEL_FILE_NAME } from '../functions/core/facts/ner/load.ts';
import { encodeModel } from '../functions/core/facts/ner/model-file.ts';
import { trainTagger } from '../functions/core/facts/ner/train.ts';

const SEED = 20260;
const EPOCHS = 12;
const FOLDS = 5;
/** Quantisation step of the stored weights. */
const SCALE = 1 / 64;
/** Smallest weight kept in the shipped model: on dev, dropping |w| < 1 removes 2/3 of the weights at no cost in F1. */
const MIN_WEIGHT = 1;

const root = new URL('..', import.meta.url).pathname;
const trainPath = process.env.NER_TRAIN ?? `${root}../shared/eval/conll2003-train.iob1`;
const devPath = process.env.NER_DEV ?? `${root}../shared/eval/conll2003-dev.iob1`;
const outPath = `${root}functions/core/facts/ner/${MODEL_FILE_NAME}`;

const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${line}`);
const train = parseConll(readFileSync(trainPath, 'utf8'));
const dev = parseConll(readFileSync(devPath, 'utf8'));
const model = trainTagger(train, dev, { seed: SEED, epochs: Number(process.env.EPOCHS ?? EPOCHS), folds: FOLDS, log });
const bytes = encodeModel({ gazetteer: model.gazetteer, pass1: model.pass1, pass2: model.pass2! }, SCALE, MIN_WEIGHT);
writeFileSync(outPath, bytes);
const best = model.report.pass2[model.report.bestEpoch2 - 1]!.dev;
log(`wrote ${outPath} (${(bytes.length / 1e6).toFixed(2)} MB); dev PER/LOC/ORG F1 ${best.micro.f1.toFixed(2)} at pass-2 epoch ${model.report.bestEpoch2}`);
