// The benchmark's table, and the targets it is read against (issue 3).
import type { AllowCheck } from "./check-allows";
import type { CpuPerRequest } from "./cpu-usage";
import type { LoadResult, Tally } from "./load-case";
import type { ChainCheck } from "./verify-chains";

export type CaseReport = {
  name: string;
  result: LoadResult;
  cpu: CpuPerRequest;
  tally: Tally;
  baseline: LoadResult | null;
};

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
  const lines = cases.map(({ name, result, cpu, tally, baseline }) => [
    name,
    fmt(result.requestsPerSecond),
    fmt(result.p50, 1),
    fmt(result.p99, 1),
    fmt(result.non2xx + result.errors + result.timeouts),
    baseline ? fmt(result.requestsPerSecond / baseline.requestsPerSecond, 3) : "",
    baseline ? `${tally.allow}/${tally.requireApproval}/${tally.deny}` : "",
    `${us(cpu.server)}+${baseline ? us(cpu.postgres) : "0"}+${us(cpu.generator)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  console.log("");
  console.log(row(header, widths));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of lines) console.log(row(line, widths));
  console.log("");

  const decideCases = cases.filter((c) => c.baseline);
  const many = decideCases.find((c) => c.name.includes("many"));
  const hot = decideCases.find((c) => c.name.includes("hot"));
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  for (const c of decideCases) {
    const ratio = c.result.requestsPerSecond / c.baseline!.requestsPerSecond;
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
