"use client";

import { Button } from "@/components/ui/button";
import { DialogActions } from "@/components/ui/dialog";
import { OneTimeSecret } from "@/components/ui/one-time-secret";

/** A newly issued or rotated credential's secret, with the only way out of the dialog. */
export function SecretReveal({
  secret,
  agentName,
  onClose,
}: {
  secret: string;
  agentName: string;
  onClose: () => void;
}) {
  return (
    <div className="space-y-4">
      <OneTimeSecret value={secret} label="Secret" headline="Copy this secret now — you won't see it again.">
        Warden keeps only a hash of it. Store it in your secret manager for{" "}
        <span className="font-mono">{agentName}</span>; if it is lost, rotate the credential.
      </OneTimeSecret>
      <DialogActions>
        <Button onClick={onClose}>I&apos;ve stored it — close</Button>
      </DialogActions>
    </div>
  );
}
