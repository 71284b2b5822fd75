"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { errorMessage, errorSummary } from "@/components/ui/trpc-errors";
import { cx } from "@/components/ui/cx";
import { CredentialStateBadge } from "./credential-state-badge";
import { IssueCredentialDialog } from "./issue-credential-dialog";
import { RotateCredentialDialog } from "./rotate-credential-dialog";

type Target = { id: string; masked: string; label: string };

/** An agent's credentials: issue, rotate, revoke. Secrets are never listed — only their prefix. */
export function CredentialsPanel({
  agentId,
  agentName,
  editable,
}: {
  agentId: string;
  agentName: string;
  editable: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const credentials = useQuery(trpc.credentials.list.queryOptions({ agentId }));
  const [issuing, setIssuing] = useState(false);
  const [rotating, setRotating] = useState<Target | null>(null);
  const [revoking, setRevoking] = useState<Target | null>(null);

  const revoke = useMutation(
    trpc.credentials.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.credentials.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
        setRevoking(null);
        toast("Credential revoked. Warden rejects it from now on.");
      },
    }),
  );

  const header = (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h2 className="text-base font-semibold text-slate-900">Credentials</h2>
        <p className="text-sm text-slate-500">
          Secrets are shown once, when issued. Warden stores only a hash and the prefix below.
        </p>
      </div>
      {editable && <Button onClick={() => setIssuing(true)}>Issue credential</Button>}
    </div>
  );

  let body: React.ReactNode;
  if (credentials.isPending) body = <Loading label="Loading credentials…" />;
  else if (credentials.isError)
    body = <ErrorNotice title="Could not load credentials" message={errorMessage(credentials.error)} />;
  else if (credentials.data.length === 0)
    body = (
      <EmptyState
        title="No credentials yet"
        description="Without a credential this agent cannot call Warden. Issue one and hand it to its runtime."
        action={editable && <Button onClick={() => setIssuing(true)}>Issue the first credential</Button>}
      />
    );
  else
    body = (
      <Table>
        <thead>
          <tr>
            <Th>Credential</Th>
            <Th>State</Th>
            <Th>Created</Th>
            <Th>Expires</Th>
            <Th>Last used</Th>
            {editable && <Th className="text-right">Actions</Th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {credentials.data.map((c) => {
            const usable = c.state === "active" || c.state === "grace";
            return (
              <tr key={c.id} className={cx(!usable && "bg-slate-50/50 text-slate-500")}>
                <Td className="max-w-[20rem]">
                  <p className="truncate font-medium text-slate-900" title={c.label || undefined}>
                    {c.label || <span className="font-normal italic text-slate-400">Unlabelled</span>}
                  </p>
                  <code className="block break-all font-mono text-xs text-slate-500">{c.masked}</code>
                </Td>
                <Td>
                  <CredentialStateBadge state={c.state} />
                  {c.state === "revoked" && c.revokedReason && (
                    <p className="mt-1 max-w-[16rem] truncate text-xs text-slate-500" title={c.revokedReason}>
                      {c.revokedReason}
                    </p>
                  )}
                  {c.replacedById && <p className="mt-1 text-xs text-slate-500">Replaced by a rotation</p>}
                </Td>
                <Td className="whitespace-nowrap">
                  <RelativeTime date={c.createdAt} />
                </Td>
                <Td className="whitespace-nowrap">
                  {c.state === "revoked" ? (
                    <span className="text-slate-400">
                      Revoked <RelativeTime date={c.revokedAt} />
                    </span>
                  ) : (
                    <RelativeTime date={c.expiresAt} fallback="Never" />
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  <RelativeTime date={c.lastUsedAt} fallback="Never" />
                </Td>
                {editable && (
                  <Td className="whitespace-nowrap text-right">
                    {usable && (
                      <div className="flex justify-end gap-1.5">
                        {c.state === "active" && (
                          <Button
                            size="sm"
                            variant="secondary"
                            onClick={() => setRotating({ id: c.id, masked: c.masked, label: c.label })}
                            aria-label={`Rotate ${c.label || c.masked}`}
                          >
                            Rotate
                          </Button>
                        )}
                        <Button
                          size="sm"
                          variant="danger-outline"
                          onClick={() => setRevoking({ id: c.id, masked: c.masked, label: c.label })}
                          aria-label={`Revoke ${c.label || c.masked}`}
                        >
                          Revoke
                        </Button>
                      </div>
                    )}
                  </Td>
                )}
              </tr>
            );
          })}
        </tbody>
      </Table>
    );

  return (
    <div>
      {header}
      {body}
      <IssueCredentialDialog
        open={issuing}
        onClose={() => setIssuing(false)}
        agentId={agentId}
        agentName={agentName}
      />
      <RotateCredentialDialog credential={rotating} onClose={() => setRotating(null)} agentName={agentName} />
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        title="Revoke credential?"
        description={
          revoking && (
            <>
              <span className="font-mono">{revoking.label || revoking.masked}</span> stops working
              immediately, on every Warden instance. This cannot be undone.
            </>
          )
        }
        confirmLabel="Revoke credential"
        reason={{
          label: "Reason",
          required: true,
          placeholder: "e.g. Leaked in a CI log",
          hint: "Recorded in the audit trail.",
        }}
        busy={revoke.isPending}
        error={revoke.isError ? errorSummary(revoke.error) : null}
        onConfirm={({ reason }) => revoking && revoke.mutate({ credentialId: revoking.id, reason })}
      />
    </div>
  );
}
