"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { OpenIncidentDialog } from "@/components/incidents/open-incident-dialog";
import { useTRPC } from "@/components/trpc";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { ErrorNotice, Loading, Notice } from "@/components/ui/states";
import { toast, Toaster } from "@/components/ui/toast";
import { errorMessage, errorSummary } from "@/components/ui/trpc-errors";
import { EngageForm, type Engaged } from "./engage-form";
import { EngagedList, ReleasedTable, type SwitchView } from "./switch-lists";

const SCOPE_TITLE = { AGENT: "paused agent", ENVIRONMENT: "froze environment", ORG: "froze organization" };

/** The kill switch: what is stopped now, stop something, resume, and the history. */
export function KillSwitchPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const initialAgentId = useSearchParams().get("agent");
  const meQuery = useQuery(trpc.me.get.queryOptions());
  const list = useQuery({ ...trpc.killSwitch.list.queryOptions(), refetchInterval: 10_000 });
  const [resuming, setResuming] = useState<SwitchView | null>(null);
  const [incidentFrom, setIncidentFrom] = useState<Engaged | null>(null);
  const release = useMutation(
    trpc.killSwitch.release.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.killSwitch.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
        setResuming(null);
        toast(`Released the kill switch on ${result.targetName}: ${result.restored}.`);
      },
    }),
  );

  if (meQuery.isPending || list.isPending) return <Loading label="Loading kill switches…" />;
  if (meQuery.isError || list.isError)
    return (
      <ErrorNotice
        title="Could not load the kill switches"
        message={errorMessage(meQuery.error ?? list.error)}
      />
    );
  const me = meQuery.data;
  const switches = list.data;
  const canUse = me.member.roles.some((role) => role === "ADMIN" || role === "SECURITY");

  return (
    <div className="space-y-6">
      <Toaster />
      <PageHeader
        title="Kill switch"
        description="Stop an agent, an environment or everything at once. Decisions after the switch are denied within a second on every Warden instance; approvals and plans in its scope that are not yet used are cancelled and short-lived tokens are revoked."
      />
      {switches.engaged.length > 0 ? (
        <EngagedList
          engaged={switches.engaged}
          canUse={canUse}
          onResume={(s) => {
            release.reset();
            setResuming(s);
          }}
          onIncident={(s) => setIncidentFrom(s)}
        />
      ) : (
        <Notice tone="success">
          <strong>No kill switch is engaged.</strong> Every agent acts within its grants and autonomy level.
        </Notice>
      )}
      {canUse ? (
        <EngageForm orgName={me.org.name} initialAgentId={initialAgentId} onEngaged={setIncidentFrom} />
      ) : (
        <Notice>
          Your role can see the switches but not use them. Admins and security staff can engage and resume
          them.
        </Notice>
      )}
      {switches.released.length > 0 && (
        <section className="space-y-2">
          <h2 className="text-base font-semibold text-slate-900">Recently released</h2>
          <ReleasedTable released={switches.released} />
        </section>
      )}

      <ConfirmDialog
        open={resuming !== null}
        onClose={() => setResuming(null)}
        title={`Resume ${resuming?.targetName ?? ""}?`}
        description="The target goes back to the state it had before the switch. Tokens revoked by the switch stay revoked: runtimes must fetch new ones."
        confirmLabel="Resume"
        tone="primary"
        reason={{
          label: "Reason",
          required: true,
          placeholder: "e.g. Root cause fixed; credentials rotated",
          hint: "Required. Recorded in the audit trail.",
        }}
        busy={release.isPending}
        error={release.isError ? errorSummary(release.error) : null}
        onConfirm={({ reason }) => resuming && release.mutate({ id: resuming.id, reason })}
      />
      <OpenIncidentDialog
        open={incidentFrom !== null}
        onClose={() => setIncidentFrom(null)}
        from={incidentFrom ? { kind: "KILL_SWITCH", id: incidentFrom.id } : null}
        defaultTitle={
          incidentFrom ? `Kill switch: ${SCOPE_TITLE[incidentFrom.scope]} ${incidentFrom.targetName}` : ""
        }
      />
    </div>
  );
}
