import { Gazetteer, type GazetteerEntry } from './gazetteer.ts';
import { FrozenWeights, TRANSITION_SIZE } from './model.ts';
import { ENTITY_TYPES, TAG_COUNT, type EntityType } from './tags.ts';

/**
 * The shipped model, uncompressed layout (little-endian, sections 8-byte aligned):
 *   "NERM", u32 format, u32 header bytes, header JSON { format, tagCount, scale, gazetteer: ["TYPE\ttok tok", ...] },
 *   then per pass: u32 rows, u32 entries, f64 transition[(T+1)^2], u32 keys[rows], u8 counts[rows],
 *   u8 tags[entries], i16 weights[entries] (weight = value * scale).
 * Only weights that survive quantisation are stored, so rarely-updated features cost a few bytes.
 */
export const MODEL_FORMAT = 1;
const MAGIC = 0x4d52454e; // "NERM"

export interface ModelWeights {
  keys: Uint32Array;
  emission: Float32Array;
  transition: Float64Array;
}

export interface LoadedModel {
  gazetteer: Gazetteer;
  pass1: FrozenWeights;
  pass2: FrozenWeights;
}

class Writer {
  private chunks: Uint8Array[] = [];
  length = 0;
  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
  align(): void {
    const pad = (8 - (this.length % 8)) % 8;
    if (pad) this.push(new Uint8Array(pad));
  }
  u32(value: number): void {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value, true);
    this.push(bytes);
  }
  typed(array: ArrayBufferView): void {
    this.align();
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

/** Serialises a trained model; weights whose quantised value is 0 are dropped. */
export function encodeModel(model: { gazetteer: readonly GazetteerEntry[]; pass1: ModelWeights; pass2: ModelWeights }, scale: number): Uint8Array {
  const w = new Writer();
  w.u32(MAGIC);
  w.u32(MODEL_FORMAT);
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: MODEL_FORMAT,
      tagCount: TAG_COUNT,
      scale,
      gazetteer: model.gazetteer.map((e) => `${e.type}\t${e.tokens.join(' ')}`),
    }),
  );
  w.u32(header.length);
  w.push(header);
  for (const pass of [model.pass1, model.pass2]) {
    const keys: number[] = [];
    const counts: number[] = [];
    const tags: number[] = [];
    const values: number[] = [];
    for (let row = 0; row < pass.keys.length; row++) {
      let count = 0;
      for (let t = 0; t < TAG_COUNT; t++) {
        const q = Math.max(-32767, Math.min(32767, Math.round(pass.emission[row * TAG_COUNT + t]! / scale)));
        if (q === 0) continue;
        tags.push(t);
        values.push(q);
        count++;
      }
      if (count === 0) continue;
      keys.push(pass.keys[row]!);
      counts.push(count);
    }
    w.align();
    w.u32(keys.length);
    w.u32(tags.length);
    w.typed(pass.transition);
    w.typed(Uint32Array.from(keys));
    w.typed(Uint8Array.from(counts));
    w.typed(Uint8Array.from(tags));
    w.typed(Int16Array.from(values));
  }
  return w.bytes();
}

export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
}

/** Reads a model written by `encodeModel`. */
export function decodeModel(bytes: Uint8Array): LoadedModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  const u32 = () => {
    const value = view.getUint32(offset, true);
    offset += 4;
    return value;
  };
  const align = () => {
    offset += (8 - (offset % 8)) % 8;
  };
  // Typed-array views need aligned byte offsets, so copy into an aligned buffer when the input is not.
  if (bytes.byteOffset % 8 !== 0) return decodeModel(bytes.slice());
  if (u32() !== MAGIC) throw new ModelFormatError('not a news-digest NER model');
  const format = u32();
  if (format !== MODEL_FORMAT) throw new ModelFormatError(`NER model format ${format}, expected ${MODEL_FORMAT}`);
  const headerLength = u32();
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(offset, offset + headerLength))) as {
    tagCount: number;
    scale: number;
    gazetteer: string[];
  };
  offset += headerLength;
  if (header.tagCount !== TAG_COUNT) throw new ModelFormatError(`NER model has ${header.tagCount} tags, expected ${TAG_COUNT}`);
  const entries: GazetteerEntry[] = header.gazetteer.map((line) => {
    const tab = line.indexOf('\t');
    const type = line.slice(0, tab) as EntityType;
    if (!ENTITY_TYPES.includes(type)) throw new ModelFormatError(`bad gazetteer entry "${line}"`);
    return { type, tokens: line.slice(tab + 1).split(' ') };
  });
  const passes: FrozenWeights[] = [];
  for (let p = 0; p < 2; p++) {
    align();
    const rows = u32();
    const entryCount = u32();
    const take = <A>(make: (buffer: ArrayBuffer, at: number, length: number) => A, length: number, size: number): A => {
      align();
      const array = make(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, length);
      offset += length * size;
      return array;
    };
    const transition = take((b, at, n) => new Float64Array(b, at, n), TRANSITION_SIZE, 8).slice();
    const keys = take((b, at, n) => new Uint32Array(b, at, n), rows, 4);
    const counts = take((b, at, n) => new Uint8Array(b, at, n), rows, 1);
    const tags = take((b, at, n) => new Uint8Array(b, at, n), entryCount, 1);
    const values = take((b, at, n) => new Int16Array(b, at, n), entryCount, 2);
    const emission = new Float32Array(rows * TAG_COUNT);
    let e = 0;
    for (let row = 0; row < rows; row++) {
      const base = row * TAG_COUNT;
      for (let c = counts[row]!; c > 0; c--, e++) emission[base + tags[e]!] = values[e]! * header.scale;
    }
    passes.push(new FrozenWeights(keys, emission, transition));
  }
  return { gazetteer: new Gazetteer(entries), pass1: passes[0]!, pass2: passes[1]! };
}
