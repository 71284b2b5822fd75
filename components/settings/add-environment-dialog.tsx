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

/** Adds an environment (e.g. `eu-prod`), production or not. */
export function AddEnvironmentDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add environment"
      description="Agents live in exactly one environment; an identity from one can never act in another."
    >
      {open && <AddEnvironmentBody onClose={onClose} />}
    </Dialog>
  );
}

function AddEnvironmentBody({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [isProduction, setIsProduction] = useState(false);
  const create = useMutation(
    trpc.environments.create.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.environments.pathKey() });
        toast(`Environment ${result.name} added.`);
        onClose();
      },
    }),
  );
  const errors = fieldErrors(create.error);

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name: name.trim(), isProduction });
      }}
    >
      {create.isError && !errors.name && !errors.isProduction && (
        <ErrorNotice title="Could not add the environment" message={errorMessage(create.error)} />
      )}
      <Field
        label="Name"
        hint="Lower-case letters, digits and dashes, starting with a letter (e.g. staging or eu-prod)."
        error={errors.name}
      >
        {(p) => (
          <input
            {...p}
            value={name}
            maxLength={31}
            onChange={(e) => setName(e.target.value)}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            required
            placeholder="eu-prod"
            className={`${p.className} font-mono`}
          />
        )}
      </Field>
      <label className="flex cursor-pointer items-start gap-3 rounded-md p-2.5 ring-1 ring-slate-200 hover:ring-slate-300">
        <input
          type="checkbox"
          checked={isProduction}
          onChange={(e) => setIsProduction(e.target.checked)}
          className="mt-0.5 size-4 shrink-0 accent-brand-600"
        />
        <span>
          <span className="block text-sm font-medium text-slate-900">Production</span>
          <span className="block text-xs leading-5 text-slate-600">
            Stricter rules: widening the grants of an agent here is a change request that security must
            approve.
          </span>
        </span>
      </label>
      {errors.isProduction && (
        <p role="alert" className="text-xs font-medium text-red-600">
          {errors.isProduction}
        </p>
      )}
      <DialogActions>
        <Button variant="secondary" onClick={onClose} disabled={create.isPending}>
          Cancel
        </Button>
        <Button type="submit" busy={create.isPending}>
          Add environment
        </Button>
      </DialogActions>
    </form>
  );
}
