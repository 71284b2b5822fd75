"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { cx } from "@/components/ui/cx";
import { NAV_ITEMS } from "./nav-items";

export function Sidebar({
  orgName,
  userName,
  userEmail,
  roles,
}: {
  orgName: string;
  userName: string;
  userEmail: string;
  roles: string[];
}) {
  const pathname = usePathname();
  const trpc = useTRPC();
  // The inbox's count, refreshed like the inbox itself, so pending work is visible from any page.
  const pending = useQuery({ ...trpc.approvals.countPending.queryOptions(), refetchInterval: 5000 });
  const badges: Record<string, number | undefined> = { "/approvals": pending.data };
  return (
    <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
      <div className="flex items-center gap-2.5 px-5 py-5">
        <div className="flex size-8 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white">
          W
        </div>
        <div className="min-w-0">
          <p className="text-sm font-semibold leading-tight">Warden</p>
          <p className="truncate text-xs text-slate-500" title={orgName}>
            {orgName}
          </p>
        </div>
      </div>
      <nav className="flex-1 space-y-0.5 px-3" aria-label="Main">
        {NAV_ITEMS.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={cx(
                "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium",
                active
                  ? "bg-brand-50 text-brand-700"
                  : "text-slate-600 hover:bg-slate-50 hover:text-slate-900",
              )}
            >
              <span aria-hidden className="w-4 text-center">
                {item.icon}
              </span>
              {item.label}
              {badges[item.href] ? (
                <span
                  className="ml-auto rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-800"
                  aria-label={`${badges[item.href]} pending`}
                >
                  {badges[item.href]}
                </span>
              ) : null}
            </Link>
          );
        })}
      </nav>
      <div className="border-t border-slate-200 px-5 py-4">
        <p className="truncate text-sm font-medium" title={userName}>
          {userName}
        </p>
        <p className="truncate text-xs text-slate-500" title={userEmail}>
          {userEmail}
        </p>
        <p className="mt-1 text-[11px] font-medium uppercase tracking-wide text-slate-400">
          {roles.join(" · ")}
        </p>
        <button
          type="button"
          onClick={() => void signOut({ callbackUrl: "/signin" })}
          className="mt-3 text-xs font-medium text-slate-500 hover:text-slate-900"
        >
          Sign out
        </button>
      </div>
    </aside>
  );
}
