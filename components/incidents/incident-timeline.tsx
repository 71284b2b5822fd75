import Link from "next/link";
import type { RouterOutputs } from "@/components/trpc";
import { cx } from "@/components/ui/cx";
import { OutcomeBadge } from "./incident-badges";

type Item = RouterOutputs["incidents"]["get"]["timeline"][number];

const time = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

const DOTS: Record<Item["kind"], string> = {
  note: "bg-brand-600",
  status: "bg-violet-600",
  linked: "bg-slate-400",
  "kill_switch.engaged": "bg-red-600",
  "kill_switch.released": "bg-emerald-600",
  "agent.event": "bg-slate-500",
  "run.started": "bg-sky-600",
  "run.ended": "bg-sky-600",
  decision: "bg-slate-400",
  "approval.requested": "bg-amber-500",
  "approval.decided": "bg-amber-600",
};

const LINK_WORDS: Partial<Record<Item["kind"], string>> = {
  "run.started": "Open run timeline",
  "run.ended": "Open run timeline",
  decision: "Open in run",
  "approval.requested": "Open in run",
  "approval.decided": "Open in run",
  "agent.event": "Open agent",
  "kill_switch.engaged": "Kill switch page",
};

/** Everything the incident links, in time order (UTC, to the second, for a written record). */
export function IncidentTimeline({ items }: { items: Item[] }) {
  return (
    <ol aria-label="Incident timeline" className="relative space-y-0 border-l border-slate-200 pl-6">
      {items.map((item) => (
        <li key={item.key} className="relative pb-5 last:pb-0" data-kind={item.kind}>
          <span
            className={cx(
              "absolute -left-[31px] top-1.5 size-3 rounded-full ring-4 ring-white",
              DOTS[item.kind],
            )}
            aria-hidden
          />
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <time dateTime={item.at.toISOString()} className="font-mono text-xs text-slate-500">
              {time.format(item.at)} UTC
            </time>
            <span
              className={cx(
                "break-words text-sm font-medium text-slate-900",
                item.kind === "kill_switch.engaged" && "text-red-800",
              )}
            >
              {item.title}
            </span>
            {item.outcome && <OutcomeBadge outcome={item.outcome} />}
          </div>
          {item.detail && (
            <p
              className={cx(
                "mt-1 max-w-3xl whitespace-pre-wrap break-words text-sm",
                item.kind === "note"
                  ? "rounded-md bg-brand-50/60 px-3 py-2 text-slate-800"
                  : "text-slate-600",
              )}
            >
              {item.detail}
            </p>
          )}
          <div className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-500">
            {item.actor && <span>by {item.actor}</span>}
            {item.href && LINK_WORDS[item.kind] && (
              <Link href={item.href} className="font-medium text-brand-700 hover:underline">
                {LINK_WORDS[item.kind]} →
              </Link>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
