/**
 * A small seeded PRNG (mulberry32 over an FNV-1a hash of the seed text) so the sample year is the
 * same on every machine and run. Never Math.random in samples.
 */

/** Returns a number in [0, 1) on each call. */
export type Random = () => number;

/** A deterministic generator for `seed`. */
export function seededRandom(seed: string): Random {
  let state = 0x811c9dc5;
  for (const ch of seed) {
    state ^= ch.codePointAt(0)!;
    state = Math.imul(state, 0x01000193) >>> 0;
  }
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
