import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeModel, type LoadedModel } from './model-file.ts';
import { TwoPassTagger, type Tagger } from './tagger.ts';

/**
 * Where the shipped model lives. It is an asset read once per process (like a template), not state:
 * bundlers must copy it beside the bundle, or set NER_MODEL_PATH.
 */
export const MODEL_FILE_NAME = 'ner-model.bin.gz';
export const MODEL_PATH_ENV = 'NER_MODEL_PATH';

export function defaultModelPath(): string {
  return process.env[MODEL_PATH_ENV] ?? new URL(`./${MODEL_FILE_NAME}`, import.meta.url).pathname;
}

/** Decodes a gzipped model file's bytes. */
export function loadModel(gzipped: Uint8Array): LoadedModel {
  return decodeModel(gunzipSync(gzipped));
}

let shared: Tagger | undefined;

/** The tagger of the shipped model, loaded on first use and shared for the life of the process. */
export function getTagger(): Tagger {
  shared ??= new TwoPassTagger(loadModel(readFileSync(defaultModelPath())));
  return shared;
}
