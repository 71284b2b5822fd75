import type { Metadata } from "next";
import { Suspense } from "react";
import { KillSwitchPage } from "@/components/killswitch/kill-switch-page";
import { Loading } from "@/components/ui/states";

export const metadata: Metadata = { title: "Kill switch" };

export default function KillSwitch() {
  return (
    <Suspense fallback={<Loading label="Loading kill switches…" />}>
      <KillSwitchPage />
    </Suspense>
  );
}
