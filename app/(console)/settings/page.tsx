import type { Metadata } from "next";
import { Suspense } from "react";
import { SettingsView } from "@/components/settings/settings-view";
import { Loading } from "@/components/ui/states";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  // The view reads `?tab=` on the client; Suspense lets the rest of the page render meanwhile.
  return (
    <Suspense fallback={<Loading label="Loading settings…" />}>
      <SettingsView />
    </Suspense>
  );
}
