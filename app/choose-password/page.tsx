import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { ChoosePassword } from "@/components/auth/choose-password";
import { authOptions } from "@/server/auth/options";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Choose your password" };
export const dynamic = "force-dynamic";

/** Outside the console layout on purpose: that layout sends flagged users here. */
export default async function ChoosePasswordPage() {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) redirect("/signin");
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, mustChangePassword: true },
  });
  if (!user) redirect("/signin");
  if (!user.mustChangePassword) redirect("/agents");
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-8 text-center">
          <div className="mx-auto flex size-11 items-center justify-center rounded-xl bg-brand-600 text-lg font-bold text-white">
            W
          </div>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight">Choose your password</h1>
          <p className="mt-1 text-sm text-slate-500">
            You signed in with a temporary password from your admin. Replace it with one only you know to
            continue.
          </p>
        </div>
        <ChoosePassword email={user.email} />
      </div>
    </main>
  );
}
