"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { RadioCards } from "@/components/ui/radio-cards";
import { ErrorNotice } from "@/components/ui/states";
import { errorMessage } from "@/components/ui/trpc-errors";
import { SecretReveal } from "./secret-reveal";

type Grace = "compromised" | "1h" | "24h" | "7d";
const GRACE: Record<Grace, { seconds: number; label: string; description: string }> = {
  compromised: {
    seconds: 0,
    label: "None — it is compromised",
    description: "The old secret stops working now. Anything still using it fails until it gets the new one.",
  },
  "1h": {
    seconds: 3600,
    label: "1 hour",
    description: "Both secrets work for an hour, then only the new one.",
  },
  "24h": {
    seconds: 86_400,
    label: "24 hours",
    description: "Time for a daily deploy to pick up the new secret.",
  },
  "7d": { seconds: 604_800, label: "7 days", description: "For runtimes that are slow to redeploy." },
};

/** Rotates a credential: a new secret (shown once) and a grace period for the old one. */
export function RotateCredentialDialog({
  credential,
  onClose,
  agentName,
}: {
  credential: { id: string; masked: string; label: string } | null;
  onClose: () => void;
  agentName: string;
}) {
  return (
    <Dialog
      open={credential !== null}
      onClose={onClose}
      title="Rotate credential"
      description={
        credential ? `Replace ${credential.label || credential.masked} with a new secret.` : undefined
      }
    >
      {credential && <RotateBody credentialId={credential.id} agentName={agentName} onClose={onClose} />}
    </Dialog>
  );
}

function RotateBody({
  credentialId,
  agentName,
  onClose,
}: {
  credentialId: string;
  agentName: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [grace, setGrace] = useState<Grace>("24h");
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useMutation(
    trpc.credentials.rotate.mutationOptions({
      gcTime: 0,
      onSuccess: async (result) => {
        setSecret(result.secret);
        rotate.reset();
        await queryClient.invalidateQueries({ queryKey: trpc.credentials.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
      },
    }),
  );

  if (secret) return <SecretReveal secret={secret} agentName={agentName} onClose={onClose} />;

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        rotate.mutate({
          credentialId,
          graceSeconds: GRACE[grace].seconds,
          compromised: grace === "compromised",
        });
      }}
    >
      {rotate.isError && <ErrorNotice title="Could not rotate" message={errorMessage(rotate.error)} />}
      <RadioCards<Grace>
        legend="Grace period for the old secret"
        columns={1}
        value={grace}
        onChange={setGrace}
        options={(Object.keys(GRACE) as Grace[]).map((key) => ({
          value: key,
          label: GRACE[key].label,
          description: GRACE[key].description,
        }))}
      />
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant={grace === "compromised" ? "danger" : "primary"}
          busy={rotate.isPending}
        >
          Rotate now
        </Button>
      </DialogActions>
    </form>
  );
}
