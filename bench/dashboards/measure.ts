/** Runs `fn` `warmups` times unmeasured, then `runs` times, and returns p50/p95 in milliseconds. */
export async function measure(
  fn: () => Promise<unknown>,
  runs = 25,
  warmups = 3,
): Promise<{ p50: number; p95: number; samples: number[] }> {
  for (let i = 0; i < warmups; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), samples };
}
