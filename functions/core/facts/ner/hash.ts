/** Hashes for features and names. 0 is reserved for "empty" in the open-addressing tables. */

/** FNV-1a over the UTF-16 code units of a string, never 0. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1;
}

/** A well-mixed combination of two 32-bit values (murmur3 finaliser), never 0. */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0 || 1;
}

/** The hash of a phrase extended by one more token's hash. */
export function phraseHash(prefix: number, tokenHash: number): number {
  return mix(prefix ^ 0x5bd1e995, tokenHash);
}
