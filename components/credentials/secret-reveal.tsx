"use client";

import { OneTimeSecret } from "@/components/ui/one-time-secret";

export function SecretReveal({ secret, agentName }: { secret: string; agentName: string }) {
  return (
    <OneTimeSecret value={secret} label="Secret" headline="Copy this secret now — you won't see it again.">
      Warden keeps only a hash of it. Store it in your secret manager for{" "}
      <span className="font-mono">{agentName}</span>; if it is lost, rotate the credential.
    </OneTimeSecret>
  );
}
