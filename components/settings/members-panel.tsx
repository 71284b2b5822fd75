"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type RouterOutputs, useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { cx } from "@/components/ui/cx";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { errorMessage } from "@/components/ui/trpc-errors";
import { EditRolesDialog, type RolesTarget } from "./edit-roles-dialog";
import { InviteMemberDialog, type InvitePrefill } from "./invite-member-dialog";
import { ROLE_DESCRIPTIONS, ROLES, RoleBadges } from "./roles";

type Member = RouterOutputs["members"]["list"][number];

/** The org's members; admins invite, change roles and remove. Removed members keep their row (no roles). */
export function MembersPanel({ isAdmin, selfMemberId }: { isAdmin: boolean; selfMemberId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.members.list.queryOptions());
  const [showRemoved, setShowRemoved] = useState(false);
  const [inviting, setInviting] = useState<{ prefill: InvitePrefill | null } | null>(null);
  const [editing, setEditing] = useState<RolesTarget | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);

  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: async (_result, input) => {
        const who = removing?.email ?? "The member";
        await queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() });
        if (input.memberId === selfMemberId)
          await queryClient.invalidateQueries({ queryKey: trpc.me.pathKey() });
        setRemoving(null);
        toast(`${who} was removed. Their history stays in the audit trail.`);
      },
    }),
  );

  const all = members.data ?? [];
  const removedCount = all.filter((m) => m.roles.length === 0).length;
  const visible = showRemoved ? all : all.filter((m) => m.roles.length > 0);

  const header = (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h2 className="text-base font-semibold text-slate-900">Members</h2>
        <p className="text-sm text-slate-500">
          People who can sign in to this organization, and what their roles let them do.
        </p>
      </div>
      <div className="flex items-center gap-4">
        {removedCount > 0 && (
          <label className="flex cursor-pointer items-center gap-2 text-sm text-slate-600">
            <input
              type="checkbox"
              checked={showRemoved}
              onChange={(e) => setShowRemoved(e.target.checked)}
              className="size-4 accent-brand-600"
            />
            Show removed ({removedCount})
          </label>
        )}
        {isAdmin && <Button onClick={() => setInviting({ prefill: null })}>Invite member</Button>}
      </div>
    </div>
  );

  let body: React.ReactNode;
  if (members.isPending) body = <Loading label="Loading members…" />;
  else if (members.isError)
    body = <ErrorNotice title="Could not load members" message={errorMessage(members.error)} />;
  else if (visible.length === 0)
    body = (
      <EmptyState
        title="No members"
        description="Nobody holds a role in this organization."
        action={isAdmin && <Button onClick={() => setInviting({ prefill: null })}>Invite a member</Button>}
      />
    );
  else
    body = (
      <Table>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>E-mail</Th>
            <Th>Roles</Th>
            <Th>Joined</Th>
            {isAdmin && (
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {visible.map((m) => {
            const removed = m.roles.length === 0;
            const isSelf = m.id === selfMemberId;
            return (
              <tr key={m.id} className={cx(removed && "bg-slate-50/60")}>
                <Td className="max-w-[16rem]">
                  <div className="flex min-w-0 items-center gap-2">
                    <p
                      className={cx("truncate font-medium", removed ? "text-slate-500" : "text-slate-900")}
                      title={m.name}
                    >
                      {m.name || "—"}
                    </p>
                    {isSelf && <Badge className="shrink-0">You</Badge>}
                  </div>
                </Td>
                <Td className="max-w-[20rem]">
                  <p className={cx("truncate", removed && "text-slate-500")} title={m.email}>
                    {m.email}
                  </p>
                </Td>
                <Td>
                  {removed ? (
                    <Badge title="No roles: they can no longer sign in to this organization. Their history is kept.">
                      Removed
                    </Badge>
                  ) : (
                    <RoleBadges roles={m.roles} />
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  <RelativeTime date={m.createdAt} />
                </Td>
                {isAdmin && (
                  <Td className="whitespace-nowrap py-2 text-right">
                    {removed ? (
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => setInviting({ prefill: { email: m.email, name: m.name } })}
                        aria-label={`Invite ${m.email} again`}
                      >
                        Invite again
                      </Button>
                    ) : (
                      <div className="flex justify-end gap-1">
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() =>
                            setEditing({ id: m.id, name: m.name, email: m.email, roles: m.roles, isSelf })
                          }
                          aria-label={`Edit roles of ${m.email}`}
                        >
                          Edit roles
                        </Button>
                        <Button
                          variant="danger-ghost"
                          size="sm"
                          onClick={() => {
                            remove.reset();
                            setRemoving(m);
                          }}
                          aria-label={`Remove ${m.email}`}
                        >
                          Remove
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
    <div className="space-y-8">
      <section>
        {header}
        {body}
      </section>

      <Card title="Roles" description="What each role may do. A member may hold several.">
        <dl className="grid gap-3 sm:grid-cols-2">
          {ROLES.map((role) => (
            <div key={role} className="flex items-start gap-2">
              <dt className="w-20 shrink-0">
                <RoleBadges roles={[role]} />
              </dt>
              <dd className="text-sm text-slate-600">{ROLE_DESCRIPTIONS[role]}</dd>
            </div>
          ))}
        </dl>
      </Card>

      {isAdmin && (
        <>
          <InviteMemberDialog
            open={inviting !== null}
            prefill={inviting?.prefill}
            onClose={() => setInviting(null)}
          />
          <EditRolesDialog target={editing} onClose={() => setEditing(null)} />
          <ConfirmDialog
            open={removing !== null}
            onClose={() => setRemoving(null)}
            title="Remove member"
            description={
              removing && (
                <>
                  <span className="break-all font-medium text-slate-900">{removing.email}</span> loses every
                  role and can no longer sign in to this organization. Their votes, notes and audit history
                  stay. You can invite them again later.
                </>
              )
            }
            confirmLabel="Remove member"
            busy={remove.isPending}
            onConfirm={() => removing && remove.mutate({ memberId: removing.id })}
          >
            {removing?.id === selfMemberId && (
              <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-600/20">
                This is you: you will lose access to this organization at once.
              </p>
            )}
            {remove.isError && (
              <ErrorNotice
                title="Warden refused to remove this member"
                message={errorMessage(remove.error)}
              />
            )}
          </ConfirmDialog>
        </>
      )}
    </div>
  );
}
