"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type RouterOutputs, useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { cx } from "@/components/ui/cx";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { errorMessage } from "@/components/ui/trpc-errors";
import { AddEnvironmentDialog } from "./add-environment-dialog";

type Environment = RouterOutputs["environments"]["list"][number];

/** The org's environments; admins add them and mark them as production or not. */
export function EnvironmentsPanel({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const environments = useQuery(trpc.environments.list.queryOptions());
  const [adding, setAdding] = useState(false);
  const [unmarking, setUnmarking] = useState<Environment | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);

  const update = useMutation(
    trpc.environments.update.mutationOptions({
      onMutate: (input) => setPendingId(input.id),
      onSettled: () => setPendingId(null),
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.environments.pathKey() });
        // Agent pages show whether their environment is production.
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
        const name = environments.data?.find((e) => e.id === result.id)?.name ?? "The environment";
        setUnmarking(null);
        toast(
          result.isProduction
            ? `${name} is now a production environment.`
            : `${name} is no longer a production environment.`,
        );
      },
      onError: (error, input) => {
        // Unmarking goes through the dialog, which shows its own error; marking has nowhere else to say it.
        if (input.isProduction) toast(errorMessage(error), "error");
      },
    }),
  );

  function toggle(environment: Environment) {
    update.reset();
    // Tightening needs no second thought; loosening does.
    if (environment.isProduction) setUnmarking(environment);
    else update.mutate({ id: environment.id, isProduction: true });
  }

  const header = (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h2 className="text-base font-semibold text-slate-900">Environments</h2>
        <p className="text-sm text-slate-500">
          Where agents run. An agent lives in exactly one; a dev identity can never act in prod.
        </p>
      </div>
      {isAdmin && <Button onClick={() => setAdding(true)}>Add environment</Button>}
    </div>
  );

  let body: React.ReactNode;
  if (environments.isPending) body = <Loading label="Loading environments…" />;
  else if (environments.isError)
    body = <ErrorNotice title="Could not load environments" message={errorMessage(environments.error)} />;
  else if (environments.data.length === 0)
    body = (
      <EmptyState
        title="No environments yet"
        description="Agents need an environment to live in (for example dev, staging and prod)."
        action={isAdmin && <Button onClick={() => setAdding(true)}>Add the first environment</Button>}
      />
    );
  else
    body = (
      <Table>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Kind</Th>
            <Th>State</Th>
            <Th className="text-right">Agents</Th>
            {isAdmin && <Th className="text-right">Production</Th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {environments.data.map((e) => (
            <tr key={e.id}>
              <Td className="max-w-[20rem]">
                <code className="block truncate font-mono font-medium text-slate-900" title={e.name}>
                  {e.name}
                </code>
              </Td>
              <Td>
                {e.isProduction ? (
                  <Badge tone="red" title="Widening an agent's grants here needs security's approval.">
                    Production
                  </Badge>
                ) : (
                  <Badge>Non-production</Badge>
                )}
              </Td>
              <Td>
                {e.frozen ? (
                  <Badge
                    tone="violet"
                    title="Every action in this environment is denied until it is unfrozen."
                  >
                    Frozen
                  </Badge>
                ) : (
                  <Badge tone="green">Open</Badge>
                )}
              </Td>
              <Td className="text-right tabular-nums">{e.agentCount}</Td>
              {isAdmin && (
                <Td className="py-2 text-right">
                  <ProductionSwitch
                    name={e.name}
                    checked={e.isProduction}
                    busy={pendingId === e.id}
                    onToggle={() => toggle(e)}
                  />
                </Td>
              )}
            </tr>
          ))}
        </tbody>
      </Table>
    );

  return (
    <section>
      {header}
      {body}
      {isAdmin && (
        <>
          <AddEnvironmentDialog open={adding} onClose={() => setAdding(false)} />
          <ConfirmDialog
            open={unmarking !== null}
            onClose={() => setUnmarking(null)}
            title="Stop treating this environment as production?"
            description={
              unmarking && (
                <>
                  <code className="break-all font-mono font-medium text-slate-900">{unmarking.name}</code>{" "}
                  will follow non-production rules: widening the grants of its agents will no longer need
                  security&apos;s approval.
                </>
              )
            }
            confirmLabel="Unmark production"
            busy={update.isPending}
            onConfirm={() => unmarking && update.mutate({ id: unmarking.id, isProduction: false })}
          >
            {unmarking && unmarking.agentCount > 0 && (
              <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20">
                This loosens the rules for{" "}
                {unmarking.agentCount === 1 ? "1 agent" : `${unmarking.agentCount} agents`} in service there.
                The change is recorded in the audit trail.
              </p>
            )}
            {update.isError && (
              <ErrorNotice title="The environment stays production" message={errorMessage(update.error)} />
            )}
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}

/** An accessible on/off switch for the production mark. */
function ProductionSwitch({
  name,
  checked,
  busy,
  onToggle,
}: {
  name: string;
  checked: boolean;
  busy: boolean;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={`${name} is production`}
      title={checked ? "Unmark as production" : "Mark as production"}
      disabled={busy}
      onClick={onToggle}
      className={cx(
        "relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-wait disabled:opacity-60",
        checked ? "bg-red-600" : "bg-slate-300",
      )}
    >
      <span
        aria-hidden
        className={cx(
          "inline-block size-4 rounded-full bg-white shadow transition-transform",
          checked ? "translate-x-[18px]" : "translate-x-0.5",
        )}
      />
    </button>
  );
}
