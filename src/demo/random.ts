// Seeded randomness for the synthetic area: the same seed gives the same rows.

/** mulberry32: a small, well-known seeded generator; enough for synthetic data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = '0123456789abcdef';

/** A v4-shaped UUID from the generator, so rows can reference each other before insert. */
export function uuid(rand: () => number): string {
  let s = '';
  for (let i = 0; i < 32; i++) {
    let d = Math.floor(rand() * 16);
    if (i === 12) d = 4;
    else if (i === 16) d = (d & 0x3) | 0x8;
    s += hex[d] ?? '0';
    if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
  }
  return s;
}
