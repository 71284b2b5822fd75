"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** The applied filters of the audit search, as the search procedure and the export take them. */
export type AuditFilters = {
  kind?: "decision" | "event";
  agentId?: string;
  tool?: string;
  outcome?: "ALLOW" | "DENY" | "REQUIRE_APPROVAL";
  reasonCode?: string;
  actor?: string;
  from?: string;
  to?: string;
  text?: string;
};

const REASON_CODES = [
  "ALLOWED_BY_GRANT",
  "APPROVED",
  "PLAN_APPROVED",
  "APPROVAL_REQUIRED",
  "NO_MATCHING_GRANT",
  "PARAMS_OUT_OF_SCOPE",
  "GRANT_EXPIRED",
  "ENVIRONMENT_MISMATCH",
  "AUTONOMY_OBSERVE_ONLY",
  "QUOTA_EXCEEDED",
  "AGENT_PAUSED",
  "AGENT_DECOMMISSIONED",
  "ENVIRONMENT_FROZEN",
  "ORG_FROZEN",
  "APPROVAL_PENDING",
  "APPROVAL_DENIED",
  "APPROVAL_EXPIRED",
  "APPROVAL_CONSUMED",
  "APPROVAL_ACTION_MISMATCH",
  "APPROVAL_QUEUE_FULL",
];

type Draft = Required<{ [K in keyof AuditFilters]: string }>;
const EMPTY: Draft = {
  kind: "",
  agentId: "",
  tool: "",
  outcome: "",
  reasonCode: "",
  actor: "",
  from: "",
  to: "",
  text: "",
};

/** `datetime-local` values are local times: sent as instants. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function toApplied(draft: Draft): AuditFilters {
  const pick = (v: string) => (v.trim() === "" ? undefined : v.trim());
  return {
    kind: (pick(draft.kind) as AuditFilters["kind"]) ?? undefined,
    agentId: pick(draft.agentId),
    tool: pick(draft.tool),
    outcome: (pick(draft.outcome) as AuditFilters["outcome"]) ?? undefined,
    reasonCode: pick(draft.reasonCode),
    actor: pick(draft.actor),
    from: toInstant(draft.from),
    to: toInstant(draft.to),
    text: pick(draft.text),
  };
}

/** The search form: nothing is searched until "Search" (typing does not page the whole trail). */
export function AuditFilterForm({ onApply }: { onApply: (filters: AuditFilters) => void }) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.agents.list.queryOptions({}));
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  const decisionOnly = Boolean(draft.tool || draft.outcome || draft.reasonCode);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (draft.from && draft.to && new Date(draft.from) >= new Date(draft.to)) {
      setError("The end must be after the start.");
      return;
    }
    setError(null);
    onApply(toApplied(draft));
  }

  return (
    <form
      onSubmit={submit}
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      aria-label="Search the audit trail"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Words" className="sm:col-span-2" hint="A resource, operation, reason, action or id.">
          {(p) => (
            <input
              {...p}
              type="search"
              value={draft.text}
              onChange={set("text")}
              placeholder="repo:acme/web"
            />
          )}
        </Field>
        <Field
          label="Show"
          hint={decisionOnly ? "Tool, outcome and reason apply to decisions only." : undefined}
        >
          {(p) => (
            <select {...p} value={draft.kind} onChange={set("kind")}>
              <option value="">Decisions and changes</option>
              <option value="decision">Decisions only</option>
              <option value="event">Control-plane changes only</option>
            </select>
          )}
        </Field>
        <Field label="Agent">
          {(p) => (
            <select {...p} value={draft.agentId} onChange={set("agentId")}>
              <option value="">Any agent</option>
              {(agents.data?.items ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tool">
          {(p) => (
            <input
              {...p}
              value={draft.tool}
              onChange={set("tool")}
              placeholder="github"
              className={`${p.className} font-mono`}
            />
          )}
        </Field>
        <Field label="Outcome">
          {(p) => (
            <select {...p} value={draft.outcome} onChange={set("outcome")}>
              <option value="">Any outcome</option>
              <option value="ALLOW">Allowed</option>
              <option value="DENY">Denied</option>
              <option value="REQUIRE_APPROVAL">Needed approval</option>
            </select>
          )}
        </Field>
        <Field label="Reason">
          {(p) => (
            <>
              <input
                {...p}
                list="audit-reason-codes"
                value={draft.reasonCode}
                onChange={set("reasonCode")}
                placeholder="NO_MATCHING_GRANT"
                className={`${p.className} font-mono`}
              />
              <datalist id="audit-reason-codes">
                {REASON_CODES.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="Actor" hint="Who made a change, or on whose behalf an agent acted.">
          {(p) => <input {...p} value={draft.actor} onChange={set("actor")} placeholder="dana@acme.test" />}
        </Field>
        <Field label="From">
          {(p) => <input {...p} type="datetime-local" value={draft.from} onChange={set("from")} />}
        </Field>
        <Field label="Until" error={error}>
          {(p) => <input {...p} type="datetime-local" value={draft.to} onChange={set("to")} />}
        </Field>
      </div>
      <div className="mt-3 flex justify-end gap-2">
        <Button
          variant="ghost"
          onClick={() => {
            setDraft(EMPTY);
            setError(null);
            onApply({});
          }}
        >
          Clear
        </Button>
        <Button type="submit">Search</Button>
      </div>
    </form>
  );
}
