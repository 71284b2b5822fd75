import { Badge, type Tone } from "@/components/ui/badge";
import { formatAbsolute, formatRelative, RelativeTime } from "@/components/ui/relative-time";
import type { RouterOutputs } from "@/components/trpc";

type Delivery = RouterOutputs["notifications"]["list"][number]["deliveries"][number];

const STATUS: Record<Delivery["status"], { label: string; tone: Tone }> = {
  PENDING: { label: "Sending", tone: "amber" },
  DELIVERED: { label: "Delivered", tone: "green" },
  FAILED: { label: "Failed", tone: "red" },
};

const EVENT_WORDS: Record<string, string> = {
  "approval.requested": "Approval requested",
  "approval.decided": "Approval decided",
  test: "Test message",
};

/** A channel's most recent deliveries: what, when, whether it arrived, and why not. */
export function DeliveriesTable({ deliveries, fetchedAt }: { deliveries: Delivery[]; fetchedAt: number }) {
  if (deliveries.length === 0) {
    return <p className="text-sm text-slate-500">Nothing sent yet. Use “Send test” to check the channel.</p>;
  }
  return (
    <table className="w-full table-fixed text-left text-sm">
      <thead>
        <tr className="text-xs uppercase tracking-wide text-slate-500">
          <th scope="col" className="w-44 py-1.5 pr-3 font-medium">
            Event
          </th>
          <th scope="col" className="w-28 py-1.5 pr-3 font-medium">
            Status
          </th>
          <th scope="col" className="w-32 py-1.5 pr-3 font-medium">
            When
          </th>
          <th scope="col" className="py-1.5 font-medium">
            Details
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {deliveries.map((d) => {
          const status = STATUS[d.status];
          return (
            <tr key={d.id} className="align-top">
              <td className="py-2 pr-3 text-slate-800">
                {EVENT_WORDS[d.event] ?? d.event}
                {d.approvalId && (
                  <span className="block truncate font-mono text-xs text-slate-400">{d.approvalId}</span>
                )}
              </td>
              <td className="py-2 pr-3">
                <Badge tone={status.tone}>{status.label}</Badge>
              </td>
              <td className="py-2 pr-3 text-slate-600">
                {/* Relative to when the list was fetched (it refetches every few seconds). */}
                <time
                  dateTime={(d.deliveredAt ?? d.createdAt).toISOString()}
                  title={formatAbsolute(d.deliveredAt ?? d.createdAt)}
                  suppressHydrationWarning
                >
                  {formatRelative(
                    d.deliveredAt ?? d.createdAt,
                    Math.max(fetchedAt, (d.deliveredAt ?? d.createdAt).getTime()),
                  )}
                </time>
              </td>
              <td className="break-words py-2 text-slate-600">
                {d.status === "DELIVERED" &&
                  (d.attempts > 1 ? `Arrived after ${d.attempts} attempts.` : "Arrived.")}
                {d.status === "FAILED" && `Gave up after ${d.attempts} attempts. ${d.lastError ?? ""}`}
                {d.status === "PENDING" &&
                  (d.lastError ? (
                    <>
                      Attempt {d.attempts} failed: {d.lastError} Next try{" "}
                      <RelativeTime date={d.nextAttemptAt} />.
                    </>
                  ) : (
                    "Queued."
                  ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
