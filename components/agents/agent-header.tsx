"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { formatAbsolute, RelativeTime } from "@/components/ui/relative-time";
import { Notice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorSummary } from "@/components/ui/trpc-errors";
import { AgentStatusBadge, AutonomyBadge, EnvironmentBadge } from "./badges";
import type { AgentDetail } from "./types";

/** The agent's name, state and the actions that change its state (pause, resume, decommission). */
export function AgentHeader({ agent }: { agent: AgentDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"pause" | "resume" | "decommission" | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.credentials.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
  };
  const close = () => {
    setDialog(null);
    pause.reset();
    resume.reset();
    decommission.reset();
  };

  const pause = useMutation(
    trpc.agents.pause.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setDialog(null);
        toast(`${agent.name} is paused. Every action it asks for is now denied.`);
      },
    }),
  );
  const resume = useMutation(
    trpc.agents.resume.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setDialog(null);
        toast(`${agent.name} is active again.`);
      },
    }),
  );
  const decommission = useMutation(
    trpc.agents.decommission.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setDialog(null);
        toast(`${agent.name} was decommissioned. Its credentials are revoked; its history is kept.`);
      },
    }),
  );

  const active = agent.status === "ACTIVE";
  const paused = agent.status === "PAUSED";
  const decommissioned = agent.status === "DECOMMISSIONED";

  return (
    <div className="mb-6">
      <div className="mb-2 text-sm text-slate-500">
        <Link href="/agents" className="hover:text-slate-900">
          ← Agents
        </Link>
      </div>
      <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2.5">
            <h1
              className="truncate font-mono text-2xl font-semibold tracking-tight text-slate-900"
              title={agent.name}
            >
              {agent.name}
            </h1>
            <AgentStatusBadge status={agent.status} />
            <EnvironmentBadge
              name={agent.environment.name}
              isProduction={agent.environment.isProduction}
              frozen={agent.environment.frozen}
            />
            <AutonomyBadge level={agent.autonomy} />
          </div>
          <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-500">
            <span>
              Owner{" "}
              <span className="font-medium text-slate-700" title={agent.owner.email}>
                {agent.owner.name || agent.owner.email}
              </span>
            </span>
            {agent.parent && (
              <span>
                Sub-agent of{" "}
                <Link
                  href={`/agents/${agent.parent.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {agent.parent.name}
                </Link>
              </span>
            )}
            <span>
              Registered <RelativeTime date={agent.createdAt} />
            </span>
            <span className="inline-flex items-center gap-1.5">
              <code className="break-all font-mono text-xs text-slate-500">{agent.id}</code>
              <CopyButton value={agent.id} label="Copy ID" variant="ghost" size="sm" />
            </span>
          </div>
        </div>
        <div className="flex shrink-0 flex-wrap items-center justify-end gap-2">
          {/* Reading the agent's runs and simulating a draft of its scopes changes nothing: every role may. */}
          <Link href={`/runs?agent=${agent.id}`} className={buttonClass("secondary")}>
            Runs
          </Link>
          <Link href={`/runs/what-if?agent=${agent.id}`} className={buttonClass("secondary")}>
            What if…
          </Link>
          {agent.canManage && !decommissioned && (
            <>
              {active && (
                <Button variant="secondary" onClick={() => setDialog("pause")}>
                  Pause agent
                </Button>
              )}
              {paused && <Button onClick={() => setDialog("resume")}>Resume agent</Button>}
              {/* The kill switch also cancels approvals and revokes tokens (admins and security staff). */}
              {agent.canUseKillSwitch && (
                <Link href={`/kill-switch?agent=${agent.id}`} className={buttonClass("danger-outline")}>
                  Kill switch…
                </Link>
              )}
              <Button variant="danger-outline" onClick={() => setDialog("decommission")}>
                Decommission agent
              </Button>
            </>
          )}
        </div>
      </div>

      {paused && (
        <div className="mt-4">
          <Notice tone="warning">
            <strong>Paused</strong>
            {agent.pausedAt && <> {formatRelativeSentence(agent.pausedAt)}</>}. Every action it asks for is
            denied until it is resumed.
            {agent.statusReason && (
              <span className="mt-1 block break-words">
                Reason: <span className="italic">{agent.statusReason}</span>
              </span>
            )}
          </Notice>
        </div>
      )}
      {decommissioned && (
        <div className="mt-4">
          <Notice tone="info">
            <strong>Decommissioned</strong>
            {agent.decommissionedAt && <> on {formatAbsolute(agent.decommissionedAt)}</>}. Its credentials are
            revoked and it can no longer be changed; its history is kept.
            {agent.statusReason && (
              <span className="mt-1 block break-words">
                Reason: <span className="italic">{agent.statusReason}</span>
              </span>
            )}
          </Notice>
        </div>
      )}

      <ConfirmDialog
        open={dialog === "pause"}
        onClose={close}
        title={`Pause ${agent.name}?`}
        description="While paused, every action it asks for is denied within a second, on every Warden instance. Its grants and credentials are kept; you can resume it later."
        confirmLabel="Confirm pause"
        tone="danger"
        reason={{
          label: "Reason",
          required: true,
          placeholder: "e.g. Investigating unexpected merges on acme/web",
          hint: "Recorded in the audit trail and shown on the agent.",
        }}
        busy={pause.isPending}
        error={pause.isError ? errorSummary(pause.error) : null}
        onConfirm={({ reason }) => pause.mutate({ id: agent.id, reason })}
      />
      <ConfirmDialog
        open={dialog === "resume"}
        onClose={close}
        title={`Resume ${agent.name}?`}
        description="It can act again within its grants and autonomy level."
        confirmLabel="Confirm resume"
        tone="primary"
        reason={{
          label: "Reason",
          required: true,
          placeholder: "e.g. Root cause fixed in the prompt",
          hint: "Recorded in the audit trail.",
        }}
        busy={resume.isPending}
        error={resume.isError ? errorSummary(resume.error) : null}
        onConfirm={({ reason }) => resume.mutate({ id: agent.id, reason })}
      />
      <ConfirmDialog
        open={dialog === "decommission"}
        onClose={close}
        title={`Decommission ${agent.name}?`}
        description="This cannot be undone."
        confirmLabel="Decommission permanently"
        tone="danger"
        typeToConfirm={agent.name}
        reason={{ label: "Reason", required: true, placeholder: "e.g. Replaced by release-bot-v2" }}
        busy={decommission.isPending}
        error={decommission.isError ? errorSummary(decommission.error) : null}
        onConfirm={({ reason, typed }) => decommission.mutate({ id: agent.id, reason, confirmName: typed })}
      >
        <ul className="list-disc space-y-1 rounded-md bg-red-50 py-3 pl-8 pr-4 text-sm text-red-900 ring-1 ring-inset ring-red-600/20">
          <li>Every credential of this agent is revoked immediately.</li>
          <li>Pending approvals for its actions are cancelled.</li>
          <li>It can never act or be changed again. Its history and audit trail are kept.</li>
          {agent.activeDescendantCount > 0 && (
            <li>
              <strong>
                {agent.activeDescendantCount === 1
                  ? "Its 1 sub-agent is decommissioned with it"
                  : `All ${agent.activeDescendantCount.toLocaleString("en-US")} of its sub-agents (at every level below it) are decommissioned with it`}
              </strong>
              , in the same way: credentials revoked, pending approvals cancelled.
            </li>
          )}
        </ul>
      </ConfirmDialog>
    </div>
  );
}

function formatRelativeSentence(date: Date): string {
  return `since ${formatAbsolute(date)}`;
}
