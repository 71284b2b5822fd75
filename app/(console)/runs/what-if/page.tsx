import type { Metadata } from "next";
import { Suspense } from "react";
import { WhatIfPage } from "@/components/replay/what-if-page";
import { Loading } from "@/components/ui/states";

export const metadata: Metadata = { title: "What if…" };

export default function WhatIfRoute() {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <WhatIfPage />
    </Suspense>
  );
}
