import { readFileSync } from 'node:fs';
import { decodeModel } from './model-file.ts';
import { TwoPassTagger, type Tagger } from './tagger.ts';

/**
 * Where the shipped model lives. It is an asset read once per process (like a template), not state:
 * a bundler must copy it beside the bundle, or set NER_MODEL_PATH to where it is.
 */
export const MODEL_FILE_NAME = 'ner-model.bin';
export const MODEL_PATH_ENV = 'NER_MODEL_PATH';

export function defaultModelPath(): string {
  return process.env[MODEL_PATH_ENV] ?? new URL(`./${MODEL_FILE_NAME}`, import.meta.url).pathname;
}

/** A tagger over a model file's bytes. */
export function taggerFromBytes(bytes: Uint8Array): Tagger {
  const { model, gazetteer } = decodeModel(bytes);
  return new TwoPassTagger(model, gazetteer);
}

let shared: Tagger | undefined;

/** The tagger of the shipped model, loaded on first use and shared for the life of the process. */
export function getTagger(): Tagger {
  shared ??= taggerFromBytes(readFileSync(defaultModelPath()));
  return shared;
}
