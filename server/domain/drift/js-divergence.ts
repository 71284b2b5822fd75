/** Counts per key, e.g. calls per `tool:operation`. */
export type Counts = Record<string, number>;

function normalise(counts: Counts, keys: string[]): number[] {
  const total = keys.reduce((sum, key) => sum + (counts[key] ?? 0), 0);
  return keys.map((key) => (total > 0 ? (counts[key] ?? 0) / total : 0));
}

function klDivergence(p: number[], m: number[]): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (pi > 0) sum += pi * Math.log2(pi / m[i]!);
  }
  return sum;
}

/**
 * Jensen–Shannon divergence (base 2) between two count distributions: 0 when the mixes are the
 * same, 1 when they share nothing. Symmetric and defined even where one side has zeros, which is
 * why it suits "the agent started calling other tools". Null when either side is empty.
 */
export function jensenShannonDivergence(a: Counts, b: Counts): number | null {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const p = normalise(a, keys);
  const q = normalise(b, keys);
  if (!p.some((x) => x > 0) || !q.some((x) => x > 0)) return null;
  const m = p.map((pi, i) => (pi + q[i]!) / 2);
  const divergence = (klDivergence(p, m) + klDivergence(q, m)) / 2;
  // Rounding can push it a hair outside [0, 1].
  return Math.min(1, Math.max(0, divergence));
}
