import type { Metadata } from "next";
import { oidcProvider } from "@/server/auth/options";
import { safeCallbackPath } from "@/server/domain/auth/safe-callback-path";
import { SignInForm } from "@/components/auth/signin-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string }>;
}) {
  const { error, callbackUrl } = await searchParams;
  const sso = oidcProvider();
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto flex size-11 items-center justify-center rounded-xl bg-brand-600 text-lg font-bold text-white">
            W
          </div>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight">Sign in to Warden</h1>
          <p className="mt-1 text-sm text-slate-500">The control plane for your AI agents.</p>
        </div>
        <SignInForm
          initialError={error ?? null}
          callbackUrl={safeCallbackPath(callbackUrl)}
          sso={sso ? { id: sso.id, name: sso.name } : null}
        />
      </div>
    </main>
  );
}
