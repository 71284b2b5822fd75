// A change request's before → after, as rows a non-engineer can read. Changed rows are marked;
// for a new grant every field is new.
import { autonomyLabel } from "@/components/agents/autonomy";
import { approvalSentence, approversSentence, durationSentence } from "@/components/grants/describe-grant";
import { summarizeSchema } from "@/components/grants/summarize-schema";
import { formatAmount, metricLabel, windowLabel } from "@/components/quotas/quota-labels";
import { formatAbsolute } from "@/components/ui/relative-time";
import { cx } from "@/components/ui/cx";
import type { ChangeRequestItem, GrantJson } from "./types";

type Row = { label: string; before: string | null; after: string };

function grantRows(grant: GrantJson): { label: string; value: string }[] {
  return [
    { label: "Operation", value: grant.operationPattern },
    { label: "Resources", value: grant.resourcePatterns.join(", ") },
    {
      label: "Parameters",
      value: grant.paramsSchema
        ? (summarizeSchema(grant.paramsSchema) ?? JSON.stringify(grant.paramsSchema))
        : "Any parameters",
    },
    {
      label: "Approval",
      value:
        typeof grant.approval === "object"
          ? `${approvalSentence(grant.approval)}: ${summarizeSchema(grant.approval.when) ?? JSON.stringify(grant.approval.when)}`
          : approvalSentence(grant.approval),
    },
    { label: "Approvers", value: approversSentence(grant.approvers) },
    { label: "Approval stays open", value: durationSentence(grant.approvalTtlSeconds) },
    { label: "Grant expires", value: grant.expiresAt ? formatAbsolute(new Date(grant.expiresAt)) : "Never" },
  ];
}

export function diffRowsOf(item: Pick<ChangeRequestItem, "change">): Row[] {
  const { change } = item;
  switch (change.kind) {
    case "grant.create":
      return grantRows(change.payload.grant).map((r) => ({ label: r.label, before: null, after: r.value }));
    case "grant.update": {
      const before = grantRows(change.before.grant);
      return grantRows(change.payload.grant).map((r, i) => ({
        label: r.label,
        before: before[i]!.value,
        after: r.value,
      }));
    }
    case "quota.set": {
      const { metric, window, limit } = change.payload;
      const cap = (value: number | null) => (value === null ? "No cap" : formatAmount(metric, value));
      return [
        {
          label: `${metricLabel(metric)} ${windowLabel(window)}`,
          before: cap(change.before.limit),
          after: cap(limit),
        },
      ];
    }
    case "agent.autonomy":
      return [
        {
          label: "Autonomy",
          before: autonomyLabel(change.before.autonomy),
          after: autonomyLabel(change.payload.autonomy),
        },
      ];
  }
}

/** Before and after side by side; unchanged rows stay plain, changed ones are coloured. */
export function ChangeDiff({ item }: { item: Pick<ChangeRequestItem, "change" | "status"> }) {
  const rows = diffRowsOf(item);
  const isNew = item.change.kind === "grant.create";
  return (
    <table className="w-full table-fixed text-left text-sm">
      <thead>
        <tr className="text-xs uppercase tracking-wide text-slate-500">
          <th scope="col" className="w-40 py-1.5 pr-3 font-medium">
            Field
          </th>
          <th scope="col" className="py-1.5 pr-3 font-medium">
            {item.status === "PENDING" ? "Now" : "Before"}
          </th>
          <th scope="col" className="py-1.5 font-medium">
            {item.status === "PENDING"
              ? "After approval"
              : item.status === "APPROVED"
                ? "Applied"
                : "Requested"}
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => {
          const changed = row.before !== row.after;
          return (
            <tr key={row.label} className="align-top">
              <th scope="row" className="py-2 pr-3 font-medium text-slate-700">
                {row.label}
              </th>
              <td className="py-2 pr-3">
                {row.before === null ? (
                  <span className="text-slate-400">{isNew ? "(no such grant yet)" : "—"}</span>
                ) : (
                  <span
                    className={cx(
                      "break-words",
                      changed ? "rounded bg-red-50 px-1 text-red-800" : "text-slate-600",
                    )}
                  >
                    {row.before}
                  </span>
                )}
              </td>
              <td className="py-2">
                <span
                  className={cx(
                    "break-words",
                    changed ? "rounded bg-emerald-50 px-1 font-medium text-emerald-800" : "text-slate-600",
                  )}
                >
                  {row.after}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
