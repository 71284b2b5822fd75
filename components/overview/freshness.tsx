"use client";

import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";

/** "Data as of 12 s ago": how far behind the rollups behind every chart are. */
export function Freshness({ asOf }: { asOf: Date | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  if (!asOf)
    return (
      <Badge tone="amber" title="The rollup job has not completed a pass yet.">
        Data not yet computed
      </Badge>
    );
  const seconds = Math.max(0, Math.round((now - asOf.getTime()) / 1000));
  const text =
    seconds < 120
      ? `${seconds} s`
      : seconds < 7200
        ? `${Math.round(seconds / 60)} min`
        : `${Math.round(seconds / 3600)} h`;
  return (
    <Badge tone={seconds > 120 ? "amber" : "gray"} title={asOf.toISOString()}>
      <span data-testid="data-freshness">Data as of {text} ago</span>
    </Badge>
  );
}
