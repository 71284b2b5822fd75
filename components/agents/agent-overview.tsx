"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { Field } from "@/components/ui/field";
import { formatAbsolute } from "@/components/ui/relative-time";
import { ErrorNotice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { announceScopeChange } from "@/components/change-requests/sign-off";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
import { autonomyLabel, isAutonomyLevel, type AutonomyLevel } from "./autonomy";
import { AutonomyPicker } from "./autonomy-picker";
import { AgentStatusBadge, EnvironmentBadge } from "./badges";
import type { AgentDetail } from "./types";

export function AgentOverview({ agent, editable }: { agent: AgentDetail; editable: boolean }) {
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <PurposeCard agent={agent} editable={editable} />
        <AutonomyCard agent={agent} editable={editable} />
      </div>
      <div className="space-y-6">
        <Card title="Details">
          <DescriptionList
            narrow
            items={[
              {
                label: "Environment",
                value: (
                  <EnvironmentBadge
                    name={agent.environment.name}
                    isProduction={agent.environment.isProduction}
                    frozen={agent.environment.frozen}
                  />
                ),
              },
              {
                label: "Owner",
                value: (
                  <span className="break-words">
                    {agent.owner.name ? `${agent.owner.name}` : agent.owner.email}
                    <span className="block text-xs text-slate-500 break-all">{agent.owner.email}</span>
                  </span>
                ),
              },
              { label: "Registered", value: formatAbsolute(agent.createdAt) },
              { label: "Last change", value: formatAbsolute(agent.updatedAt) },
              { label: "ID", value: <code className="break-all font-mono text-xs">{agent.id}</code> },
            ]}
          />
        </Card>
        <Card title="Sub-agents" description="They may only hold grants this agent also holds.">
          {agent.children.length === 0 ? (
            <p className="text-sm text-slate-500">No sub-agents.</p>
          ) : (
            <ul className="-my-2 divide-y divide-slate-100">
              {agent.children.map((child) => (
                <li key={child.id} className="flex items-center justify-between gap-3 py-2">
                  <Link
                    href={`/agents/${child.id}`}
                    className="min-w-0 truncate font-mono text-sm text-brand-700 hover:underline"
                    title={child.name}
                  >
                    {child.name}
                  </Link>
                  <AgentStatusBadge status={child.status} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}

function PurposeCard({ agent, editable }: { agent: AgentDetail; editable: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [purpose, setPurpose] = useState(agent.purpose);
  const update = useMutation(
    trpc.agents.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
        setEditing(false);
        toast("Purpose saved.");
      },
    }),
  );
  const errors = fieldErrors(update.error);
  return (
    <Card
      title="Purpose"
      actions={
        editable &&
        !editing && (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setPurpose(agent.purpose);
              setEditing(true);
            }}
          >
            Edit purpose
          </Button>
        )
      }
    >
      {editing ? (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ id: agent.id, purpose: purpose.trim() });
          }}
        >
          {update.isError && !errors.purpose && (
            <ErrorNotice title="Could not save" message={errorMessage(update.error)} />
          )}
          <Field label="Purpose" error={errors.purpose}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                maxLength={500}
                value={purpose}
                onChange={(e) => setPurpose(e.target.value)}
                autoFocus
              />
            )}
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button type="submit" busy={update.isPending}>
              Save purpose
            </Button>
          </div>
        </form>
      ) : agent.purpose ? (
        <p className="whitespace-pre-wrap break-words text-sm leading-6 text-slate-700">{agent.purpose}</p>
      ) : (
        <p className="text-sm italic text-slate-400">
          No purpose given. Reviewers see it on every approval: worth a sentence.
        </p>
      )}
    </Card>
  );
}

function AutonomyCard({ agent, editable }: { agent: AgentDetail; editable: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current: AutonomyLevel = isAutonomyLevel(agent.autonomy) ? agent.autonomy : 1;
  const [level, setLevel] = useState<AutonomyLevel>(current);
  const update = useMutation(
    trpc.agents.update.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.changeRequests.pathKey() });
        // Waiting for sign-off: the picker goes back to the level in force.
        if (announceScopeChange(result, `Autonomy set to ${autonomyLabel(level)}.`)) setLevel(current);
      },
    }),
  );
  const changed = level !== current;
  return (
    <Card
      title="Autonomy level"
      description={
        editable ? "How much it may do without a human. Takes effect on its next request." : undefined
      }
    >
      <div className="space-y-4">
        {update.isError && (
          <ErrorNotice title="Could not change the autonomy level" message={errorMessage(update.error)} />
        )}
        <AutonomyPicker
          value={level}
          onChange={setLevel}
          disabled={!editable || update.isPending}
          columns={2}
          hideLegend
        />
        {editable && changed && (
          <div className="flex items-center justify-between gap-3 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
            <p className="text-sm text-slate-700">
              Change from <strong>{autonomyLabel(current)}</strong> to <strong>{autonomyLabel(level)}</strong>
              ?
              {level > current && agent.environment.isProduction && (
                <span className="ml-1 text-amber-800">
                  This gives a production agent more room, so security signs it off first.
                </span>
              )}
            </p>
            <div className="flex shrink-0 gap-2">
              <Button variant="ghost" size="sm" onClick={() => setLevel(current)}>
                Cancel
              </Button>
              <Button
                size="sm"
                busy={update.isPending}
                onClick={() => update.mutate({ id: agent.id, autonomy: level })}
              >
                Save autonomy
              </Button>
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}
