"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { JsonSchemaEditor } from "@/components/ui/json-editor";
import { RadioCards } from "@/components/ui/radio-cards";
import { formatAbsolute } from "@/components/ui/relative-time";
import { ErrorNotice, Notice } from "@/components/ui/states";
import { announceScopeChange, type MaybeSignOff } from "@/components/change-requests/sign-off";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
import {
  APPROVAL_TTL_CHOICES,
  EXPIRY_CHOICES,
  errorAt,
  initialGrantState,
  localProblems,
  resourceLines,
  toGrantInput,
  type ApprovalMode,
  type ExpiryChoice,
  type GrantFormState,
} from "./grant-form-state";
import { OperationPatternField } from "./operation-pattern-field";
import type { CatalogTool, Grant } from "./types";

const PARAMS_PLACEHOLDER = `{
  "type": "object",
  "properties": {
    "number": { "type": "integer", "maximum": 10000 },
    "base": { "enum": ["main", "release"] }
  }
}`;

const WHEN_PLACEHOLDER = `{
  "type": "object",
  "properties": { "amount": { "type": "number", "exclusiveMinimum": 10000 } },
  "required": ["amount"]
}`;

/** Create or edit one grant. */
export function GrantForm({
  agentId,
  grant,
  catalog,
  catalogLoading,
  autonomy,
  onDone,
}: {
  agentId: string;
  grant: Grant | null;
  catalog: CatalogTool[];
  catalogLoading: boolean;
  autonomy: number;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<GrantFormState>(() => initialGrantState(grant));
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends keyof GrantFormState>(key: K, value: GrantFormState[K]) =>
    setState((s) => ({ ...s, [key]: value }));

  const onSuccess = async (result: MaybeSignOff) => {
    await queryClient.invalidateQueries({ queryKey: trpc.grants.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.changeRequests.pathKey() });
    announceScopeChange(
      result,
      grant ? "Grant saved." : "Grant added. It applies to the agent's next request.",
    );
    onDone();
  };
  const create = useMutation(trpc.grants.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.grants.update.mutationOptions({ onSuccess }));
  const mutation = grant ? update : create;

  const local = localProblems(state);
  const server = fieldErrors(mutation.error);
  const problem = (key: string) => errorAt(server, key) ?? (submitted ? local[key] : undefined);
  const unplacedServerError =
    mutation.isError &&
    ![
      "operationPattern",
      "resourcePatterns",
      "paramsSchema",
      "approval",
      "approvers",
      "approvalTtlSeconds",
      "expiresAt",
    ].some((k) => errorAt(server, k));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(local).length > 0) return;
    const input = toGrantInput(state);
    if (grant) update.mutate({ id: grant.id, ...input });
    else create.mutate({ agentId, ...input });
  }

  const resources = resourceLines(state.resourcesText);

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={grant ? "Edit grant" : "New grant"}
      className="space-y-5 rounded-lg bg-white p-5 shadow-sm ring-2 ring-brand-600/30"
    >
      <div className="flex items-baseline justify-between">
        <h3 className="text-base font-semibold text-slate-900">{grant ? "Edit grant" : "New grant"}</h3>
        <p className="text-xs text-slate-500">Default deny: the agent may do only what its grants allow.</p>
      </div>
      {unplacedServerError && (
        <ErrorNotice title="Could not save the grant" message={errorMessage(mutation.error)} />
      )}

      <OperationPatternField
        value={state.operationPattern}
        onChange={(v) => set("operationPattern", v)}
        catalog={catalog}
        catalogLoading={catalogLoading}
        autonomy={autonomy}
        error={problem("operationPattern")}
      />

      <Field
        label="Resource patterns"
        hint={
          <>
            One per line, e.g. <span className="font-mono">repo:acme/web</span>,{" "}
            <span className="font-mono">repo:acme/*</span> or{" "}
            <span className="font-mono">slack:#support</span>. <span className="font-mono">**</span> alone
            means any resource.
          </>
        }
        error={problem("resourcePatterns")}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={state.resourcesText}
            onChange={(e) => set("resourcesText", e.target.value)}
            placeholder={"repo:acme/web\nrepo:acme/api"}
            spellCheck={false}
            className={`${p.className} font-mono text-xs leading-5`}
          />
        )}
      </Field>
      {resources.length > 0 && (
        <ul className="-mt-3 flex flex-wrap gap-1.5" aria-label="Resource patterns as entered">
          {resources.map((r, i) => (
            <li
              key={`${r}-${i}`}
              className="break-all rounded-md bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700"
            >
              {r}
            </li>
          ))}
        </ul>
      )}

      <JsonSchemaEditor
        label="Parameter schema"
        value={state.paramsText}
        onChange={(v) => set("paramsText", v)}
        placeholder={PARAMS_PLACEHOLDER}
        rows={7}
        hint="A JSON Schema the call's parameters must satisfy: allowed values, maxima, patterns. Empty means any parameters."
        error={problem("paramsSchema")}
      />

      <div className="space-y-3">
        <RadioCards<ApprovalMode>
          legend="Approval rule"
          hint="The agent's autonomy level can add approvals on top of this rule, never remove them."
          columns={3}
          value={state.approvalMode}
          onChange={(v) => set("approvalMode", v)}
          error={state.approvalMode !== "when" ? problem("approval") : undefined}
          options={[
            {
              value: "never",
              label: "Never",
              description: "Calls within this grant go through (unless the autonomy level asks).",
            },
            { value: "always", label: "Always", description: "Every call waits for a human to approve it." },
            {
              value: "when",
              label: "When parameters match",
              description: "Only calls whose parameters match a JSON Schema wait for approval.",
            },
          ]}
        />
        {state.approvalMode === "when" && (
          <JsonSchemaEditor
            label="Needs approval when the parameters match"
            optional={false}
            value={state.whenText}
            onChange={(v) => set("whenText", v)}
            placeholder={WHEN_PLACEHOLDER}
            rows={5}
            hint="Example: payments above 10,000 need approval — amount with exclusiveMinimum 10000, as in the placeholder."
            error={problem("approval")}
          />
        )}
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Approvers"
          hint={
            state.approvers === 2
              ? "Two-person rule: two different people must approve."
              : "Distinct people who must approve, when approval applies."
          }
          error={problem("approvers")}
        >
          {(p) => (
            <select {...p} value={state.approvers} onChange={(e) => set("approvers", Number(e.target.value))}>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n === 2 ? "2 — two-person rule" : n === 1 ? "1 approver" : `${n} approvers`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Approval expiry"
          hint="How long a request waits before it expires."
          error={problem("approvalTtlSeconds")}
        >
          {(p) => (
            <select
              {...p}
              value={state.approvalTtlSeconds}
              onChange={(e) => set("approvalTtlSeconds", Number(e.target.value))}
            >
              {!APPROVAL_TTL_CHOICES.some((c) => c.seconds === state.approvalTtlSeconds) && (
                <option value={state.approvalTtlSeconds}>{state.approvalTtlSeconds} seconds</option>
              )}
              {APPROVAL_TTL_CHOICES.map((c) => (
                <option key={c.seconds} value={c.seconds}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Grant expires"
          hint="Just-in-time grants end on their own."
          error={problem("expiresAt")}
        >
          {(p) => (
            <select
              {...p}
              value={state.expiry}
              onChange={(e) => set("expiry", e.target.value as ExpiryChoice)}
            >
              {grant?.expiresAt && <option value="keep">Keep: {formatAbsolute(grant.expiresAt)}</option>}
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {state.expiry === "custom" && (
        <Field label="Expiry date and time" error={problem("expiresAt")} className="max-w-xs">
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={state.customExpiry}
              onChange={(e) => set("customExpiry", e.target.value)}
            />
          )}
        </Field>
      )}

      {submitted && Object.keys(local).length > 0 && (
        <Notice tone="warning">Some fields need attention before the grant can be saved.</Notice>
      )}

      <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
        <Button variant="secondary" onClick={onDone} disabled={mutation.isPending}>
          Cancel
        </Button>
        <Button type="submit" busy={mutation.isPending}>
          Save grant
        </Button>
      </div>
    </form>
  );
}
