"use client";

import { useEffect, useState } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const absolute = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** "3 days ago", "in 2 hours", "just now". */
export function formatRelative(date: Date, now: number = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return seconds <= 0 ? "just now" : "in a few seconds";
  for (const [unit, size] of UNITS) {
    if (abs >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / 60), "minute");
}

export function formatAbsolute(date: Date): string {
  return absolute.format(date);
}

/** A relative time with the exact timestamp on hover; refreshes itself every minute. */
export function RelativeTime({
  date,
  fallback = "—",
  className,
}: {
  date: Date | null | undefined;
  fallback?: string;
  className?: string;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  if (!date) return <span className={className ?? "text-slate-400"}>{fallback}</span>;
  return (
    <time
      dateTime={date.toISOString()}
      title={formatAbsolute(date)}
      className={className}
      suppressHydrationWarning
    >
      {formatRelative(date, now)}
    </time>
  );
}
