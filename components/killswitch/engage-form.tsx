"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { RadioCards } from "@/components/ui/radio-cards";
import { ErrorNotice, Loading } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorMessage } from "@/components/ui/trpc-errors";

export type Scope = "AGENT" | "ENVIRONMENT" | "ORG";
export type Engaged = { id: string; scope: Scope; targetName: string };

const SCOPES = [
  {
    value: "AGENT" as const,
    label: "Pause one agent",
    description: "Every action it asks for is denied (AGENT_PAUSED).",
  },
  {
    value: "ENVIRONMENT" as const,
    label: "Freeze an environment",
    description: "Every agent in it is denied (ENVIRONMENT_FROZEN), e.g. all of prod.",
  },
  {
    value: "ORG" as const,
    label: "Freeze everything",
    description: "Every agent of the organization is denied (ORG_FROZEN).",
  },
];

/** Choose a scope, a target and a reason; a confirmation states exactly what will happen. */
export function EngageForm(props: {
  orgName: string;
  initialAgentId: string | null;
  onEngaged: (engaged: Engaged) => void;
}) {
  const trpc = useTRPC();
  const targets = useQuery(trpc.killSwitch.targets.queryOptions());
  if (targets.isPending) return <Loading label="Loading agents and environments…" />;
  if (targets.isError)
    return (
      <ErrorNotice title="Could not load agents and environments" message={errorMessage(targets.error)} />
    );
  return <EngageFormLoaded {...props} targets={targets.data} />;
}

type Targets = {
  agents: { id: string; name: string; status: string; environment: string }[];
  environments: { id: string; name: string; frozen: boolean; agents: number }[];
};

function EngageFormLoaded({
  orgName,
  initialAgentId,
  onEngaged,
  targets,
}: {
  orgName: string;
  initialAgentId: string | null;
  onEngaged: (engaged: Engaged) => void;
  targets: Targets;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preselected = targets.agents.find((a) => a.id === initialAgentId)?.id ?? "";
  const [scope, setScope] = useState<Scope>("AGENT");
  const [agentId, setAgentId] = useState(preselected);
  const [environmentId, setEnvironmentId] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ target?: string; reason?: string }>({});
  const [confirming, setConfirming] = useState(false);
  const engage = useMutation(
    trpc.killSwitch.engage.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.killSwitch.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
        setConfirming(false);
        setReason("");
        toast(
          `Kill switch engaged on ${result.targetName}. ${result.cancelledApprovals} approval(s) not yet used and ${result.cancelledPlans} plan(s) cancelled.`,
        );
        onEngaged({ id: result.id, scope: result.scope, targetName: result.targetName });
      },
    }),
  );
  const targetId = scope === "AGENT" ? agentId : scope === "ENVIRONMENT" ? environmentId : null;
  const agent = targets.agents.find((a) => a.id === agentId);
  const environment = targets.environments.find((e) => e.id === environmentId);
  const targetWords =
    scope === "AGENT"
      ? `pause agent ${agent?.name ?? ""}`
      : scope === "ENVIRONMENT"
        ? `freeze environment ${environment?.name ?? ""} (${environment?.agents ?? 0} agent(s))`
        : `freeze every agent of ${orgName}`;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (scope !== "ORG" && !targetId)
      next.target = scope === "AGENT" ? "Choose the agent to pause." : "Choose the environment to freeze.";
    if (reason.trim().length < 3)
      next.reason = "Say why (at least a few words): responders and auditors will read it.";
    setErrors(next);
    if (Object.keys(next).length === 0) {
      engage.reset();
      setConfirming(true);
    }
  };

  return (
    <Card
      title="Engage a kill switch"
      description="Takes effect within a second on every Warden instance. You can resume it later."
    >
      <form className="space-y-5" onSubmit={submit} aria-label="Engage a kill switch">
        <RadioCards legend="What to stop" options={SCOPES} value={scope} onChange={setScope} columns={3} />
        {scope === "AGENT" && (
          <Field label="Agent" error={errors.target}>
            {(p) => (
              <select {...p} value={agentId} onChange={(e) => setAgentId(e.target.value)}>
                <option value="">Choose an agent…</option>
                {targets.agents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.environment}
                    {a.status === "PAUSED" ? ", already paused" : ""})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {scope === "ENVIRONMENT" && (
          <Field label="Environment" error={errors.target}>
            {(p) => (
              <select {...p} value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)}>
                <option value="">Choose an environment…</option>
                {targets.environments.map((env) => (
                  <option key={env.id} value={env.id}>
                    {env.name} ({env.agents} agent(s){env.frozen ? ", frozen" : ""})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          label="Reason"
          error={errors.reason}
          hint="Required. Recorded in the audit trail and shown to everyone who sees the switch."
        >
          {(p) => (
            <textarea
              {...p}
              rows={3}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="e.g. release-bot is merging pull requests nobody reviewed"
            />
          )}
        </Field>
        <div className="flex justify-end">
          <Button type="submit" variant="danger">
            Engage kill switch…
          </Button>
        </div>
      </form>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Engage the kill switch?`}>
        <div className="space-y-4">
          <p className="text-sm text-slate-700">
            This will <strong>{targetWords}</strong>, at once:
          </p>
          <ul className="list-disc space-y-1 rounded-md bg-red-50 py-3 pl-8 pr-4 text-sm text-red-900 ring-1 ring-inset ring-red-600/20">
            <li>every decision after it is denied, on every Warden instance, within a second;</li>
            <li>
              approvals and plans in its scope that are not yet used are cancelled, including those of
              sub-agents;
            </li>
            <li>short-lived tokens already issued are revoked (they stay revoked after a resume).</li>
          </ul>
          <p className="break-words text-sm text-slate-600">
            Reason: <span className="italic">{reason.trim()}</span>
          </p>
          {engage.isError && (
            <ErrorNotice title="The switch was not engaged" message={errorMessage(engage.error)} />
          )}
          <DialogActions>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={engage.isPending}>
              Cancel
            </Button>
            <Button
              variant="danger"
              busy={engage.isPending}
              onClick={() => engage.mutate({ scope, targetId, reason: reason.trim() })}
            >
              Engage now
            </Button>
          </DialogActions>
        </div>
      </Dialog>
    </Card>
  );
}
