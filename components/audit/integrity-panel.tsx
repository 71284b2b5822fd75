"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { ErrorNotice } from "@/components/ui/states";
import { errorMessage } from "@/components/ui/trpc-errors";

/** A chain's name in words: the control-plane trail, or the decisions written by one instance slot. */
function chainLabel(chainKey: string) {
  if (chainKey.startsWith("audit:")) return "Control-plane changes";
  const writer = chainKey.split(":").slice(2).join(":");
  return `Decisions (writer ${writer})`;
}

/** "Verify integrity": re-checks every hash chain and the latest signed checkpoint, on demand. */
export function IntegrityPanel() {
  const trpc = useTRPC();
  const verify = useMutation(trpc.audit.verify.mutationOptions());
  const checkpoints = useQuery(trpc.audit.checkpoints.queryOptions());
  const result = verify.data;
  const latest = checkpoints.data?.latest[0];

  return (
    <section aria-label="Integrity" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 max-w-2xl">
          <h2 className="text-sm font-semibold text-slate-900">Integrity</h2>
          <p className="mt-0.5 text-sm text-slate-600">
            Every record carries the hash of the one before it, so an edited, removed or reordered record
            breaks the chain. Signed checkpoints pin the chains&rsquo; heads with the org&rsquo;s Ed25519 key,
            so they can be checked outside Warden.
          </p>
          <p className="mt-1 text-xs text-slate-500">
            {latest ? (
              <>
                Latest checkpoint <code className="font-mono">{latest.id}</code>,{" "}
                <RelativeTime date={latest.createdAt} /> ({checkpoints.data?.total} in all).
              </>
            ) : checkpoints.isPending ? (
              "Loading checkpoints…"
            ) : (
              "No signed checkpoint yet: the server signs one every hour."
            )}
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          <a
            href="/api/export/audit/checkpoints"
            download
            className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            Download checkpoints
          </a>
          <Button onClick={() => verify.mutate()} busy={verify.isPending}>
            Verify integrity
          </Button>
        </div>
      </div>
      {verify.isError && (
        <div className="mt-3">
          <ErrorNotice title="Could not verify" message={errorMessage(verify.error)} />
        </div>
      )}
      {result && (
        <div
          role="status"
          className={`mt-3 rounded-md p-3 text-sm ring-1 ${result.ok ? "bg-green-50 ring-green-200" : "bg-red-50 ring-red-200"}`}
        >
          <p className={`font-medium ${result.ok ? "text-green-800" : "text-red-800"}`}>
            {result.ok
              ? `Intact: ${result.chains.length} ${result.chains.length === 1 ? "chain verifies" : "chains verify"}${result.checkpoint ? " and the latest checkpoint matches" : ""}.`
              : "The audit trail does not verify."}
          </p>
          <ul className="mt-2 space-y-1">
            {result.chains.map((chain) => (
              <li key={chain.chainKey} className="flex flex-wrap items-baseline gap-x-2">
                <Badge tone={chain.firstBreak ? "red" : "green"}>{chain.firstBreak ? "broken" : "ok"}</Badge>
                <span className="text-slate-800">{chainLabel(chain.chainKey)}</span>
                <span className="text-xs text-slate-500">{chain.records.toLocaleString()} records</span>
                {chain.firstBreak && (
                  <span className="basis-full pl-1 text-red-800">
                    First broken record:{" "}
                    {chain.firstBreak.recordId ? (
                      <code className="break-all font-mono">
                        {chain.firstBreak.recordId} (#{chain.firstBreak.seq})
                      </code>
                    ) : (
                      "the end of the chain"
                    )}{" "}
                    — {chain.firstBreak.problem}
                  </span>
                )}
              </li>
            ))}
            {result.checkpoint && (
              <li className="flex flex-wrap items-baseline gap-x-2">
                <Badge tone={result.checkpoint.problems.length ? "red" : "green"}>
                  {result.checkpoint.problems.length ? "mismatch" : "ok"}
                </Badge>
                <span className="text-slate-800">
                  Checkpoint <code className="font-mono text-xs">{result.checkpoint.checkpointId}</code>
                </span>
                <span className="text-xs text-slate-500">{result.checkpoint.heads} signed heads</span>
                {result.checkpoint.problems.map((p) => (
                  <span key={p} className="basis-full pl-1 text-red-800">
                    {p}
                  </span>
                ))}
              </li>
            )}
          </ul>
        </div>
      )}
    </section>
  );
}
