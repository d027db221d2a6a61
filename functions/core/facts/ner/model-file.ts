import { Gazetteer } from './gazetteer.ts';
import { buildFeatureTable, maskedTransitions, PackedModel, SLOT, TRANSITION_SIZE } from './model.ts';
import { TAG_COUNT } from './tags.ts';

/**
 * The shipped model file (little-endian; typed sections 8-byte aligned):
 *   u32 "NERM", u32 format, u32 header bytes, header JSON { format, tagCount, scale, rows, entries, tableSlots, gazetteerSlots },
 *   gazetteer keys u32[gazetteerSlots], gazetteer values u32[gazetteerSlots],
 *   pass-1 transitions f64[(T+1)^2], pass-2 transitions f64[(T+1)^2] (in units of `scale`),
 *   feature table slots i32[SLOT * tableSlots], entries i32[entries] (see `buildFeatureTable`): the
 *   non-zero quantised weights (weight = value * scale) of each feature, each with its tag.
 * Everything is stored ready to use: loading is a few typed-array views over the file.
 */
export const MODEL_FORMAT = 5;
const MAGIC = 0x4d52454e; // "NERM"
const T = TAG_COUNT;

/** One pass's trained weights: a row of T weights per feature hash. */
export interface PassWeights {
  keys: Uint32Array;
  emission: Float32Array;
  transition: Float64Array;
}

export interface LoadedModel {
  gazetteer: Gazetteer;
  model: PackedModel;
}

export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
}

class Writer {
  private readonly chunks: Uint8Array[] = [];
  length = 0;
  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
  u32(value: number): void {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value, true);
    this.push(bytes);
  }
  typed(array: ArrayBufferView): void {
    const pad = (8 - (this.length % 8)) % 8;
    if (pad) this.push(new Uint8Array(pad));
    this.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength).slice());
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

/**
 * Serialises a trained two-pass model in steps of `scale`. Weights smaller than `minWeight` in magnitude
 * are dropped (they barely move a decision, and every stored weight costs time when tagging), and so are
 * rows left empty.
 */
export function encodeModel(
  model: { gazetteer: Gazetteer; pass1: PassWeights; pass2: PassWeights },
  scale: number,
  minWeight = 0,
): Uint8Array {
  const rows = new Map<number, Int16Array>();
  [model.pass1, model.pass2].forEach((pass, p) => {
    for (let r = 0; r < pass.keys.length; r++) {
      for (let t = 0; t < T; t++) {
        const weight = pass.emission[r * T + t]!;
        if (Math.abs(weight) < minWeight) continue;
        const q = Math.max(-32767, Math.min(32767, Math.round(weight / scale)));
        if (q === 0) continue;
        const key = pass.keys[r]!;
        let row = rows.get(key);
        if (!row) rows.set(key, (row = new Int16Array(2 * T)));
        row[p * T + t] = q;
      }
    }
  });
  const keys = [...rows.keys()].sort((a, b) => a - b);
  const counts = new Uint8Array(keys.length);
  const entrySlots: number[] = [];
  const values: number[] = [];
  keys.forEach((key, r) => {
    const row = rows.get(key)!;
    for (let k = 0; k < 2 * T; k++) {
      if (row[k] === 0) continue;
      entrySlots.push(k);
      values.push(row[k]!);
      counts[r]!++;
    }
  });
  const table = buildFeatureTable(Uint32Array.from(keys), counts, Uint8Array.from(entrySlots), Int16Array.from(values));
  const w = new Writer();
  w.u32(MAGIC);
  w.u32(MODEL_FORMAT);
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: MODEL_FORMAT,
      tagCount: T,
      scale,
      rows: keys.length,
      entries: values.length,
      tableSlots: table.slots.length / SLOT,
      gazetteerSlots: model.gazetteer.size,
    }),
  );
  w.u32(header.length);
  w.push(header);
  w.typed(model.gazetteer.keys);
  w.typed(model.gazetteer.values);
  w.typed(Float64Array.from(model.pass1.transition, (x) => x / scale));
  w.typed(Float64Array.from(model.pass2.transition, (x) => x / scale));
  w.typed(table.slots);
  w.typed(table.entries);
  return w.bytes();
}

/** Reads a model written by `encodeModel`. */
export function decodeModel(input: Uint8Array): LoadedModel {
  // Typed-array views need aligned offsets; copy when the bytes do not start on an 8-byte boundary.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  const u32 = () => {
    if (offset + 4 > bytes.length) throw new ModelFormatError('NER model file is truncated');
    const value = view.getUint32(offset, true);
    offset += 4;
    return value;
  };
  if (u32() !== MAGIC) throw new ModelFormatError('not a news-digest NER model');
  const format = u32();
  if (format !== MODEL_FORMAT) throw new ModelFormatError(`NER model format ${format}, expected ${MODEL_FORMAT}`);
  const headerLength = u32();
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(offset, offset + headerLength))) as {
    tagCount: number;
    scale: number;
    rows: number;
    entries: number;
    tableSlots: number;
    gazetteerSlots: number;
  };
  offset += headerLength;
  if (header.tagCount !== T) throw new ModelFormatError(`NER model has ${header.tagCount} tags, expected ${T}`);
  const take = <A>(make: new (buffer: ArrayBuffer, at: number, length: number) => A, length: number, size: number): A => {
    offset += (8 - (offset % 8)) % 8;
    if (offset + length * size > bytes.length) throw new ModelFormatError('NER model file is truncated');
    const array = new make(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, length);
    offset += length * size;
    return array;
  };
  const gazetteerKeys = take(Uint32Array, header.gazetteerSlots, 4);
  const gazetteerValues = take(Uint32Array, header.gazetteerSlots, 4);
  const transition1 = maskedTransitions(take(Float64Array, TRANSITION_SIZE, 8));
  const transition2 = maskedTransitions(take(Float64Array, TRANSITION_SIZE, 8));
  const slots = take(Int32Array, header.tableSlots * SLOT, 4);
  const entries = take(Int32Array, header.entries, 4);
  return {
    gazetteer: new Gazetteer(gazetteerKeys, gazetteerValues),
    model: new PackedModel({ slots, entries }, transition1, transition2),
  };
}
