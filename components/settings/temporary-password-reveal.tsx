"use client";

import { OneTimeSecret } from "@/components/ui/one-time-secret";

export function TemporaryPasswordReveal({ password, email }: { password: string; email: string }) {
  return (
    <OneTimeSecret
      value={password}
      label="Temporary password"
      headline="Copy this temporary password now — it won't be shown again."
    >
      Share it securely with <span className="break-all font-medium">{email}</span> (a password manager or an
      encrypted message, not plain e-mail or chat). At their first sign-in they are asked to choose their own
      password.
    </OneTimeSecret>
  );
}
