"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { ErrorNotice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorCode, errorMessage, fieldErrors } from "@/components/ui/trpc-errors";

export function AddToolDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add a tool"
      description="A tool groups the operations an agent can call, e.g. github or stripe."
    >
      {open && <AddToolBody onClose={onClose} />}
    </Dialog>
  );
}

function AddToolBody({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation(
    trpc.tools.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.tools.pathKey() });
        toast(`Tool ${name} added. Now add its operations.`);
        onClose();
      },
    }),
  );
  const errors = fieldErrors(create.error);
  if (errorCode(create.error) === "ALREADY_EXISTS" && !errors.name) errors.name = errorMessage(create.error);
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name: name.trim(), description: description.trim() || undefined });
      }}
    >
      {create.isError && !Object.keys(errors).length && (
        <ErrorNotice title="Could not add the tool" message={errorMessage(create.error)} />
      )}
      <Field
        label="Tool name"
        hint="Lower-case letters, digits, dashes and underscores, e.g. github."
        error={errors.name}
      >
        {(p) => (
          <input
            {...p}
            value={name}
            onChange={(e) => setName(e.target.value)}
            className={`${p.className} font-mono`}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder="github"
          />
        )}
      </Field>
      <Field label="Description (optional)" error={errors.description}>
        {(p) => (
          <input
            {...p}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            placeholder="GitHub REST API"
          />
        )}
      </Field>
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" busy={create.isPending} disabled={!name.trim()}>
          Add tool
        </Button>
      </DialogActions>
    </form>
  );
}
