"use client";

import { useEffect, useState } from "react";
import { cx } from "@/components/ui/cx";

/** The current time, re-read every `intervalMs` (for countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "4:05", "1 h 02 min", "2 days" — how long until an approval lapses. */
export function formatTimeLeft(seconds: number): string {
  if (seconds <= 0) return "Expired";
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    const s = Math.floor(seconds % 60);
    return `${m}:${String(s).padStart(2, "0")}`;
  }
  if (seconds < 48 * 3600) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return `${h} h ${String(m).padStart(2, "0")} min`;
  }
  return `${Math.floor(seconds / 86400)} days`;
}

/**
 * Time left, counting down each second. It starts from the server's own count (`secondsLeft` at
 * `fetchedAt`), so a browser clock that is off does not change what approvers see.
 */
export function TimeLeft({
  secondsLeft,
  fetchedAt,
  className,
}: {
  secondsLeft: number;
  fetchedAt: number;
  className?: string;
}) {
  const now = useNow();
  const left = Math.max(0, secondsLeft - Math.max(0, now - fetchedAt) / 1000);
  const urgent = left < 120;
  return (
    <span
      className={cx(
        "whitespace-nowrap font-mono text-xs tabular-nums",
        left <= 0 ? "text-slate-400" : urgent ? "font-semibold text-red-700" : "text-slate-600",
        className,
      )}
      title="Time left before this approval expires and the agent must ask again"
    >
      {left <= 0 ? "Expired" : `${formatTimeLeft(left)} left`}
    </span>
  );
}
