"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { ErrorNotice } from "@/components/ui/states";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
import { SecretReveal } from "./secret-reveal";

const EXPIRY_CHOICES = [
  { value: "", label: "Never expires" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "180", label: "180 days" },
  { value: "365", label: "1 year" },
];

/** Issues a credential and shows its secret once. Closing the dialog forgets the secret. */
export function IssueCredentialDialog({
  open,
  onClose,
  agentId,
  agentName,
}: {
  open: boolean;
  onClose: () => void;
  agentId: string;
  agentName: string;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Issue credential"
      description={`A new secret for ${agentName}. Its runtime sends it as a Bearer token (or exchanges it for a short-lived token).`}
    >
      {open && <IssueCredentialBody agentId={agentId} agentName={agentName} onClose={onClose} />}
    </Dialog>
  );
}

function IssueCredentialBody({
  agentId,
  agentName,
  onClose,
}: {
  agentId: string;
  agentName: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState("");
  const [expiresInDays, setExpiresInDays] = useState("90");
  // The secret is held here only, and dropped when this body unmounts (the dialog closes).
  const [secret, setSecret] = useState<string | null>(null);
  const issue = useMutation(
    trpc.credentials.issue.mutationOptions({
      gcTime: 0,
      onSuccess: async (result) => {
        setSecret(result.secret);
        issue.reset(); // keep no second copy of the secret in the mutation cache
        await queryClient.invalidateQueries({ queryKey: trpc.credentials.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
      },
    }),
  );
  const errors = fieldErrors(issue.error);

  if (secret) return <SecretReveal secret={secret} agentName={agentName} onClose={onClose} />;

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        issue.mutate({
          agentId,
          label: label.trim() || undefined,
          expiresInDays: expiresInDays ? Number(expiresInDays) : null,
        });
      }}
    >
      {issue.isError && !Object.keys(errors).length && (
        <ErrorNotice title="Could not issue a credential" message={errorMessage(issue.error)} />
      )}
      <Field
        label="Label (optional)"
        hint="Where it will be used, e.g. “GitHub Actions” or “prod worker”."
        error={errors.label}
      >
        {(p) => (
          <input
            {...p}
            value={label}
            maxLength={80}
            onChange={(e) => setLabel(e.target.value)}
            autoFocus
            autoComplete="off"
          />
        )}
      </Field>
      <Field label="Expires" hint="Shorter is safer: rotate before it expires." error={errors.expiresInDays}>
        {(p) => (
          <select {...p} value={expiresInDays} onChange={(e) => setExpiresInDays(e.target.value)}>
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" busy={issue.isPending}>
          Generate secret
        </Button>
      </DialogActions>
    </form>
  );
}
