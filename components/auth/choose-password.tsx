"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { ChangePasswordForm } from "@/components/settings/account-panel";

export function ChoosePassword({ email }: { email: string }) {
  const router = useRouter();
  return (
    <>
      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <ChangePasswordForm
          email={email}
          currentLabel="Temporary password"
          onChanged={() => {
            router.push("/agents");
            router.refresh();
          }}
        />
      </div>
      <p className="mt-4 text-center text-sm text-slate-500">
        Not <span className="break-all font-medium text-slate-700">{email}</span>?{" "}
        <button
          type="button"
          className="font-medium text-brand-700 underline-offset-2 hover:underline"
          onClick={() => void signOut({ callbackUrl: "/signin" })}
        >
          Sign out
        </button>
      </p>
    </>
  );
}
