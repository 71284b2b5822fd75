"use client";

import { useState } from "react";
import { autonomyLabel, effectsNeedingApproval } from "@/components/agents/autonomy";
import { EffectBadge } from "@/components/tools/effect-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { formatAbsolute } from "@/components/ui/relative-time";
import { approvalSentence, approversSentence, durationSentence, expirySentence } from "./describe-grant";
import { summarizeSchema } from "./summarize-schema";
import type { Grant } from "./types";

const MAX_MATCHES_SHOWN = 8;

/** One grant, read as a sentence: what it may call, on what, and when a human must approve. */
export function GrantCard({
  grant,
  autonomy,
  editable,
  onEdit,
  onDelete,
}: {
  grant: Grant;
  autonomy: number;
  editable: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const [showJson, setShowJson] = useState(false);
  const when = typeof grant.approval === "object" ? grant.approval.when : null;
  const whenSummary = when ? summarizeSchema(when) : null;
  const paramsSummary = grant.paramsSchema ? summarizeSchema(grant.paramsSchema) : null;
  const expiry = expirySentence(grant.expiresAt, grant.expired);
  const matches = grant.matchedOperations;
  const autonomyEffects = [
    ...new Set(
      effectsNeedingApproval(
        autonomy,
        matches.map((m) => m.effect),
      ),
    ),
  ];
  const anyApproval = grant.approval !== "never" || autonomyEffects.length > 0;

  return (
    <article
      aria-label={`Grant ${grant.operationPattern}`}
      className={cx(
        "rounded-lg bg-white p-4 shadow-sm ring-1",
        grant.expired ? "opacity-75 ring-slate-200" : "ring-slate-200",
      )}
    >
      <div className="flex items-start justify-between gap-4">
        <p className="min-w-0 text-sm leading-7 text-slate-700">
          May call{" "}
          <code className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[13px] font-semibold text-slate-900">
            {grant.operationPattern}
          </code>{" "}
          on{" "}
          {grant.resourcePatterns.map((r, i) => (
            <span key={r}>
              <code className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[13px] text-slate-800">
                {r}
              </code>
              {i < grant.resourcePatterns.length - 1 ? " " : ""}
            </span>
          ))}
        </p>
        <div className="flex shrink-0 items-center gap-1.5">
          {grant.expired && <Badge tone="gray">Expired</Badge>}
          {grant.expiresAt && !grant.expired && (
            <Badge tone="amber" title={`Until ${formatAbsolute(grant.expiresAt)}`}>
              Just-in-time
            </Badge>
          )}
          {editable && (
            <>
              <Button
                size="sm"
                variant="secondary"
                onClick={onEdit}
                aria-label={`Edit grant ${grant.operationPattern}`}
              >
                Edit
              </Button>
              <Button
                size="sm"
                variant="danger-ghost"
                onClick={onDelete}
                aria-label={`Delete grant ${grant.operationPattern}`}
              >
                Delete
              </Button>
            </>
          )}
        </div>
      </div>

      <ul className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
        <li className={cx(grant.approval !== "never" && "font-medium text-amber-800")}>
          {approvalSentence(grant.approval)}
          {whenSummary && <span className="font-mono"> ({whenSummary})</span>}
        </li>
        {autonomy === 0 && (
          <>
            <li aria-hidden>·</li>
            <li className="font-medium text-slate-700">
              at autonomy 0 · Observe, calls are only recorded as suggestions
            </li>
          </>
        )}
        {autonomyEffects.length > 0 && (
          <>
            <li aria-hidden>·</li>
            <li
              className="font-medium text-amber-800"
              title={`Added by the agent's autonomy level ${autonomyLabel(autonomy)}`}
            >
              {autonomyEffects.join(" and ")} calls need approval at {autonomyLabel(autonomy)}
            </li>
          </>
        )}
        {anyApproval && (
          <>
            <li aria-hidden>·</li>
            <li>{approversSentence(grant.approvers)}</li>
            <li aria-hidden>·</li>
            <li>approvals expire after {durationSentence(grant.approvalTtlSeconds)}</li>
          </>
        )}
        {expiry && (
          <>
            <li aria-hidden>·</li>
            <li
              className={cx(grant.expired ? "text-slate-500" : "font-medium text-amber-800")}
              title={grant.expiresAt ? formatAbsolute(grant.expiresAt) : undefined}
            >
              {expiry}
            </li>
          </>
        )}
      </ul>

      {grant.paramsSchema != null && (
        <p className="mt-1.5 text-xs text-slate-600">
          Parameters limited:{" "}
          <span className="break-words font-mono">{paramsSummary ?? "by a JSON Schema"}</span>
        </p>
      )}

      <div className="mt-3 flex flex-wrap items-center gap-1.5 border-t border-slate-100 pt-3">
        <span className="mr-1 text-xs font-medium text-slate-500">Matches</span>
        {matches.length === 0 ? (
          <span className="text-xs font-medium text-amber-800">
            no operation in the tool catalog — check the pattern or add the tool.
          </span>
        ) : (
          <>
            {matches.slice(0, MAX_MATCHES_SHOWN).map((m) => (
              <span
                key={`${m.tool}:${m.operation}`}
                className="inline-flex items-center gap-1 rounded-md bg-slate-50 py-0.5 pl-1.5 pr-0.5 ring-1 ring-inset ring-slate-200"
              >
                <code className="font-mono text-[11px] text-slate-700">
                  {m.tool}:{m.operation}
                </code>
                <EffectBadge effect={m.effect} />
              </span>
            ))}
            {matches.length > MAX_MATCHES_SHOWN && (
              <span className="text-xs text-slate-500">+{matches.length - MAX_MATCHES_SHOWN} more</span>
            )}
          </>
        )}
        {(grant.paramsSchema != null || when) && (
          <button
            type="button"
            onClick={() => setShowJson((v) => !v)}
            aria-expanded={showJson}
            className="ml-auto text-xs font-medium text-brand-700 hover:underline"
          >
            {showJson ? "Hide schemas" : "Show schemas"}
          </button>
        )}
      </div>
      {showJson && (
        <div className="mt-3 grid gap-3 md:grid-cols-2">
          {grant.paramsSchema != null && <SchemaBlock title="Parameter schema" value={grant.paramsSchema} />}
          {when && <SchemaBlock title="Approval needed when parameters match" value={when} />}
        </div>
      )}
    </article>
  );
}

function SchemaBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div>
      <p className="mb-1 text-xs font-medium text-slate-500">{title}</p>
      <pre className="max-h-64 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-[11px] leading-4 text-slate-800 ring-1 ring-inset ring-slate-200">
        {JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}
