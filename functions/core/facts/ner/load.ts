import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModel } from './model-file.ts';
import { TwoPassTagger, type Tagger } from './tagger.ts';

/**
 * Where the shipped model lives. It is an asset read once per process (like a template), not state:
 * a bundler must copy it beside the bundle, or set NER_MODEL_PATH to where it is.
 */
export const MODEL_FILE_NAME = 'ner-model.bin';
export const MODEL_PATH_ENV = 'NER_MODEL_PATH';

export function defaultModelPath(): string {
  const configured = process.env[MODEL_PATH_ENV];
  if (configured) return configured;
  // An ESM module (or ESM bundle) knows its URL; a CommonJS bundle has __dirname instead.
  if (import.meta.url) return fileURLToPath(new URL(`./${MODEL_FILE_NAME}`, import.meta.url));
  return join(__dirname, MODEL_FILE_NAME);
}

/** A tagger over a model file's bytes (`everyToken`: see `TwoPassTagger`). */
export function taggerFromBytes(bytes: Uint8Array, everyToken = false): Tagger {
  const { model, gazetteer } = decodeModel(bytes);
  return new TwoPassTagger(model, gazetteer, everyToken);
}

let shared: Tagger | undefined;

/** The tagger of the shipped model, loaded on first use and shared for the life of the process. */
export function getTagger(): Tagger {
  shared ??= taggerFromBytes(readFileSync(defaultModelPath()));
  return shared;
}
