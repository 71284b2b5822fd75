// The benchmark's table, and the targets it is read against (issue 3).
import type { AllowCheck } from "./check-allows";
import type { CpuPerRequest } from "./cpu-usage";
import type { LoadResult, Tally } from "./load-case";
import type { ChainCheck } from "./verify-chains";

export type CaseReport = {
  name: string;
  /** Medians over the rounds (counts summed). */
  result: LoadResult;
  cpu: CpuPerRequest;
  tally: Tally;
  /** Each round's figures, in order. */
  rounds: LoadResult[];
  /** The bare server's case, measured in the same rounds (none for the bare case itself). */
  baseline: { result: LoadResult; rounds: LoadResult[] } | null;
};

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** decide / bare per round (each decide case against the bare figure of its own round), and their median. */
export function ratios(c: CaseReport): { perRound: number[]; median: number } | null {
  if (!c.baseline) return null;
  const perRound = c.rounds.map((r, i) => r.requestsPerSecond / c.baseline!.rounds[i]!.requestsPerSecond);
  return { perRound, median: median(perRound) };
}

export const TARGETS = { ratio: 0.25, p99Ms: 10 };

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
}

export function printReport(cases: CaseReport[], check: AllowCheck | null, chains: ChainCheck | null): void {
  const header = [
    "case",
    "req/s",
    "p50 ms",
    "p99 ms",
    "non-2xx/err",
    "decide/bare",
    "allow/appr/deny",
    "CPU µs/req server+pg+loadgen",
  ];
  const us = (n: number | null) => (n === null ? "?" : fmt(n));
  const lines = cases.map((c) => [
    c.name,
    fmt(c.result.requestsPerSecond),
    fmt(c.result.p50, 1),
    fmt(c.result.p99, 1),
    fmt(c.result.non2xx + c.result.errors + c.result.timeouts),
    c.baseline ? fmt(ratios(c)!.median, 3) : "",
    c.baseline ? `${c.tally.allow}/${c.tally.requireApproval}/${c.tally.deny}` : "",
    `${us(c.cpu.server)}+${c.baseline ? us(c.cpu.postgres) : "0"}+${us(c.cpu.generator)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  console.log("");
  console.log(row(header, widths));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of lines) console.log(row(line, widths));
  console.log("");
  const rounds = cases[0]?.rounds.length ?? 0;
  if (rounds > 1) {
    console.log(`medians of ${rounds} rounds; each round, req/s (decide/bare of that round):`);
    for (let i = 0; i < rounds; i++) {
      const parts = cases.map((c) => {
        const ratio = ratios(c);
        return `${c.name} ${fmt(c.rounds[i]!.requestsPerSecond)}${ratio ? ` (${fmt(ratio.perRound[i]!, 3)})` : ""}`;
      });
      console.log(`  round ${i + 1}: ${parts.join("; ")}`);
    }
    console.log("");
  }

  const decideCases = cases.filter((c) => c.baseline);
  const many = decideCases.find((c) => c.name.includes("many"));
  const hot = decideCases.find((c) => c.name.includes("hot"));
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  for (const c of decideCases) {
    const ratio = ratios(c)!.median;
    console.log(
      `${c.name}: decide/bare ${fmt(ratio, 3)} ≥ ${TARGETS.ratio} ${verdict(ratio >= TARGETS.ratio)}; ` +
        `p99 ${fmt(c.result.p99, 1)} ms ≤ ${TARGETS.p99Ms} ms ${verdict(c.result.p99 <= TARGETS.p99Ms)}`,
    );
  }
  if (many && hot) {
    const ok = hot.result.requestsPerSecond >= many.result.requestsPerSecond * 0.95;
    console.log(
      `one hot agent vs many agents: ${fmt(hot.result.requestsPerSecond)} vs ${fmt(many.result.requestsPerSecond)} req/s ` +
        `(within 5% counts as no slower) ${verdict(ok)}`,
    );
  }
  if (check) {
    console.log(
      `allows answered ${fmt(check.allowsAnswered)}, of which committed ALLOW rows ${fmt(check.allowsFound)}; ` +
        `ALLOW rows ${fmt(check.allowRowsCommitted)} (${fmt(check.allowRowsCommitted - check.allowsAnswered)} answered after the clients stopped); ` +
        `${fmt(check.decisionRows)} decisions in ~${fmt(check.rowsPerBatch, 1)}-decision batches`,
    );
    console.log(
      check.ok
        ? "zero allows without a committed decision row: met"
        : `zero allows without a committed decision row: NOT met (${fmt(check.allowsAnswered - check.allowsFound)} allow(s) without a row)`,
    );
  }
  if (chains) {
    console.log(
      chains.broken.length === 0
        ? `decision hash chains: ${chains.chains} chain(s), ${fmt(chains.records)} records, all verify`
        : `decision hash chains BROKEN: ${chains.broken.join("; ")}`,
    );
  }
}
