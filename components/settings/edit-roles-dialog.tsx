"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ErrorNotice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
import { ROLES, RoleCheckboxes, roleLabel, type RoleName } from "./roles";

export type RolesTarget = {
  id: string;
  name: string;
  email: string;
  roles: readonly string[];
  isSelf: boolean;
};

/** Replaces a member's roles. The server keeps one admin and an owner for agents in service. */
export function EditRolesDialog({ target, onClose }: { target: RolesTarget | null; onClose: () => void }) {
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title="Edit roles"
      description={
        target && (
          <span className="block truncate" title={`${target.name} <${target.email}>`}>
            {target.name || target.email} · {target.email}
          </span>
        )
      }
    >
      {target && <EditRolesBody key={target.id} target={target} onClose={onClose} />}
    </Dialog>
  );
}

function EditRolesBody({ target, onClose }: { target: RolesTarget; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<RoleName[]>(() => ROLES.filter((r) => target.roles.includes(r)));
  const [rolesMissing, setRolesMissing] = useState(false);
  const update = useMutation(
    trpc.members.updateRoles.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() });
        // Changing one's own roles changes what this console offers.
        if (target.isSelf) await queryClient.invalidateQueries({ queryKey: trpc.me.pathKey() });
        toast(`${target.email} now holds: ${result.roles.map(roleLabel).join(", ")}.`);
        onClose();
      },
    }),
  );
  const errors = fieldErrors(update.error);
  const droppingOwnAdmin = target.isSelf && target.roles.includes("ADMIN") && !roles.includes("ADMIN");

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (roles.length === 0) return setRolesMissing(true);
        update.mutate({ memberId: target.id, roles });
      }}
    >
      {update.isError && !errors.roles && (
        <ErrorNotice title="Warden kept the current roles" message={errorMessage(update.error)} />
      )}
      <RoleCheckboxes
        value={roles}
        onChange={(next) => {
          setRoles(next);
          setRolesMissing(false);
          update.reset();
        }}
        error={
          rolesMissing
            ? "Keep at least one role. To take every role away, remove the member instead."
            : errors.roles
        }
      />
      {droppingOwnAdmin && (
        <p
          role="note"
          className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-600/20"
        >
          You are taking away your own Admin role: you will no longer be able to manage members or
          environments.
        </p>
      )}
      <DialogActions>
        <Button variant="secondary" onClick={onClose} disabled={update.isPending}>
          Cancel
        </Button>
        <Button type="submit" busy={update.isPending}>
          Save roles
        </Button>
      </DialogActions>
    </form>
  );
}
