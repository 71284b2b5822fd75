"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { ErrorNotice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
import { RoleCheckboxes, type RoleName } from "./roles";
import { TemporaryPasswordReveal } from "./temporary-password-reveal";

/** Who to invite; `prefill` brings a removed member back under the same e-mail. */
export type InvitePrefill = { email: string; name: string };

/**
 * Invites someone. A person without an account gets one with a temporary password, shown here
 * once; a person who already has an account (another org, or removed earlier) keeps theirs.
 */
export function InviteMemberDialog({
  open,
  onClose,
  prefill,
}: {
  open: boolean;
  onClose: () => void;
  prefill?: InvitePrefill | null;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={prefill ? "Invite again" : "Invite member"}
      description="They can sign in to this organization's console with the roles you give them."
    >
      {open && <InviteMemberBody onClose={onClose} prefill={prefill ?? null} />}
    </Dialog>
  );
}

function InviteMemberBody({ onClose, prefill }: { onClose: () => void; prefill: InvitePrefill | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(prefill?.email ?? "");
  const [name, setName] = useState(prefill?.name ?? "");
  const [roles, setRoles] = useState<RoleName[]>([]);
  const [rolesMissing, setRolesMissing] = useState(false);
  // The password is held here only, and dropped when this body unmounts (the dialog closes).
  const [issued, setIssued] = useState<{ email: string; password: string } | null>(null);
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      gcTime: 0,
      onSuccess: async (result, input) => {
        invite.reset(); // keep no second copy of the password in the mutation cache
        await queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() });
        if (result.temporaryPassword) {
          setIssued({ email: input.email, password: result.temporaryPassword });
        } else {
          toast(`${input.email} was added. They sign in with the password of their existing account.`);
          onClose();
        }
      },
    }),
  );
  const errors = fieldErrors(invite.error);
  const unplaced = invite.isError && !errors.email && !errors.name && !errors.roles;

  if (issued) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          <span className="break-all font-medium text-slate-900">{issued.email}</span> is now a member. An
          account was created for them with this temporary password:
        </p>
        <TemporaryPasswordReveal password={issued.password} email={issued.email} />
        <DialogActions>
          <Button onClick={onClose}>I&apos;ve shared it — close</Button>
        </DialogActions>
      </div>
    );
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (roles.length === 0) return setRolesMissing(true);
        invite.mutate({ email: email.trim(), name: name.trim(), roles });
      }}
    >
      {unplaced && <ErrorNotice title="Could not invite this person" message={errorMessage(invite.error)} />}
      <Field
        label="E-mail"
        hint="They sign in with this address. If they already have a Warden account, they keep its password."
        error={errors.email}
      >
        {(p) => (
          <input
            {...p}
            type="email"
            value={email}
            maxLength={320}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus={!prefill}
            autoComplete="off"
            spellCheck={false}
            required
            placeholder="sam@example.com"
          />
        )}
      </Field>
      <Field label="Name" hint="Shown in the audit trail and on approvals." error={errors.name}>
        {(p) => (
          <input
            {...p}
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
            required
            placeholder="Sam Example"
          />
        )}
      </Field>
      <RoleCheckboxes
        value={roles}
        onChange={(next) => {
          setRoles(next);
          setRolesMissing(false);
        }}
        error={rolesMissing ? "Give the member at least one role." : errors.roles}
      />
      <DialogActions>
        <Button variant="secondary" onClick={onClose} disabled={invite.isPending}>
          Cancel
        </Button>
        <Button type="submit" busy={invite.isPending}>
          Invite
        </Button>
      </DialogActions>
    </form>
  );
}
