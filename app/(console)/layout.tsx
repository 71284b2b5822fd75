import { redirect } from "next/navigation";
import { currentMember } from "@/server/auth/current-member";
import { Sidebar } from "@/components/layout/sidebar";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const member = await currentMember();
  // An invite's temporary password must be replaced before anything else.
  if (member.user.mustChangePassword) redirect("/choose-password");
  return (
    <div className="flex min-h-full">
      <Sidebar
        orgName={member.org.name}
        userName={member.user.name}
        userEmail={member.user.email}
        roles={member.roles}
      />
      <main className="min-w-0 flex-1">
        <div className="mx-auto max-w-7xl px-6 py-8 lg:px-10">{children}</div>
      </main>
    </div>
  );
}
