"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ErrorNotice } from "@/components/ui/states";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "That e-mail and password do not match. Check both and try again.",
  NotInvited:
    "Your single sign-on account is not a member of any Warden organization. Ask an admin to invite you.",
  EmailNotVerified:
    "Your identity provider has not verified your e-mail address, so it cannot be matched to an invitation. Verify it there, or ask an admin.",
  AccountLinked:
    "Your Warden account is already linked to another single sign-on identity. Sign in with that one, or ask an admin.",
  SessionRequired: "Please sign in to continue.",
};

export function SignInForm({
  initialError,
  callbackUrl,
  sso,
}: {
  initialError: string | null;
  callbackUrl: string;
  sso: { id: string; name: string } | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(
    initialError ? (errorSentence(initialError) ?? "Sign-in failed. Please try again.") : null,
  );
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("password", {
      email: formText(form, "email"),
      password: formText(form, "password"),
      redirect: false,
    });
    setBusy(false);
    if (!result || result.error) {
      setError(errorSentence(result?.error ?? "") ?? ERRORS.CredentialsSignin!);
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {error && <ErrorNotice title="Could not sign in" message={error} />}
        <Field label="E-mail">
          {(p) => <input {...p} name="email" type="email" autoComplete="username" required autoFocus />}
        </Field>
        <Field label="Password">
          {(p) => <input {...p} name="password" type="password" autoComplete="current-password" required />}
        </Field>
        <Button type="submit" className="w-full" busy={busy}>
          Sign in
        </Button>
      </form>
      {sso && (
        <>
          <div className="my-4 flex items-center gap-3 text-xs text-slate-400">
            <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
          </div>
          <Button variant="secondary" className="w-full" onClick={() => void signIn(sso.id, { callbackUrl })}>
            Continue with {sso.name}
          </Button>
        </>
      )}
    </div>
  );
}

// Matches THROTTLED_ERROR_PREFIX in server/auth/password-sign-in.ts (not imported: server-only code).
const THROTTLED = /^TooManyAttempts:(\d+)$/;

function errorSentence(code: string): string | null {
  const throttled = THROTTLED.exec(code);
  if (throttled) {
    const minutes = Number(throttled[1]);
    return `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }
  return ERRORS[code] ?? null;
}

function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
