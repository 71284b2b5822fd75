"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { type RouterOutputs, useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { Field } from "@/components/ui/field";
import { ErrorNotice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
import { RoleBadges } from "./roles";

type Me = RouterOutputs["me"]["get"];

// Mirrors the server's rule (passwordProblem) so that the common mistake is caught before a round trip.
const MIN_LENGTH = 10;

/** The signed-in person's own account: who they are here, and changing their password. */
export function AccountPanel({ me }: { me: Me | undefined }) {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <Card
        title="Change password"
        description="Prove it is you with your current password, then choose a new one."
      >
        <ChangePasswordForm email={me?.user.email ?? ""} />
      </Card>
      <Card title="Your account">
        {me ? (
          <DescriptionList
            narrow
            items={[
              {
                label: "Name",
                value: (
                  <span className="block truncate" title={me.user.name ?? undefined}>
                    {me.user.name || "—"}
                  </span>
                ),
              },
              {
                label: "E-mail",
                value: (
                  <span className="block truncate" title={me.user.email}>
                    {me.user.email}
                  </span>
                ),
              },
              {
                label: "Organization",
                value: (
                  <span className="block truncate" title={me.org.name}>
                    {me.org.name}
                  </span>
                ),
              },
              { label: "Roles", value: <RoleBadges roles={me.member.roles} /> },
            ]}
          />
        ) : (
          <p className="text-sm text-slate-500">Loading…</p>
        )}
      </Card>
    </div>
  );
}

/** Also the "Choose your password" page's form, which moves on (onChanged) instead of staying. */
export function ChangePasswordForm({
  email,
  onChanged,
  currentLabel = "Current password",
}: {
  email: string;
  onChanged?: () => void;
  currentLabel?: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [local, setLocal] = useState<{ newPassword?: string; confirmPassword?: string }>({});
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      gcTime: 0,
      onSuccess: async (_result, input) => {
        setCurrentPassword("");
        setNewPassword("");
        setConfirmPassword("");
        // The change ended every session signed in before it, this one too: sign in again with
        // the new password so that only the person who chose it stays signed in.
        const again = await signIn("password", { email, password: input.newPassword, redirect: false });
        if (!again || again.error) {
          router.push("/signin");
          return;
        }
        toast("Your password was changed. Other sessions of your account were signed out.");
        onChanged?.();
      },
    }),
  );
  const server = fieldErrors(change.error);
  const unplaced = change.isError && !server.currentPassword && !server.newPassword;

  function submit() {
    const problems: typeof local = {};
    if (newPassword.length < MIN_LENGTH) problems.newPassword = `Use at least ${MIN_LENGTH} characters.`;
    if (confirmPassword !== newPassword) problems.confirmPassword = "The two new passwords do not match.";
    setLocal(problems);
    if (Object.keys(problems).length) return;
    change.mutate({ currentPassword, newPassword });
  }

  return (
    <form
      className="max-w-md space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {/* For password managers: which account this new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      {unplaced && <ErrorNotice title="Your password was not changed" message={errorMessage(change.error)} />}
      <Field label={currentLabel} error={server.currentPassword}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            maxLength={200}
            required
            onChange={(e) => {
              setCurrentPassword(e.target.value);
              if (change.isError) change.reset();
            }}
          />
        )}
      </Field>
      <Field
        label="New password"
        hint={`At least ${MIN_LENGTH} characters. A long passphrase is easiest to remember.`}
        error={local.newPassword ?? server.newPassword}
      >
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={newPassword}
            maxLength={200}
            required
            onChange={(e) => {
              setNewPassword(e.target.value);
              setLocal({});
              if (change.isError) change.reset();
            }}
          />
        )}
      </Field>
      <Field label="Confirm new password" error={local.confirmPassword}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={confirmPassword}
            maxLength={200}
            required
            onChange={(e) => {
              setConfirmPassword(e.target.value);
              setLocal((l) => ({ ...l, confirmPassword: undefined }));
            }}
          />
        )}
      </Field>
      <div className="flex justify-end">
        <Button type="submit" busy={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
