// Before → after, field by field, for one audit event.

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function render(value: Json): string {
  if (value === undefined) return "—";
  if (value === null) return "none";
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/** The changed fields of an event; a create shows every field of `after`, a delete every field of `before`. */
export function diffRows(before: Json, after: Json): { key: string; before: Json; after: Json }[] {
  if (!isObject(before) && !isObject(after)) {
    return same(before, after) ? [] : [{ key: "value", before, after }];
  }
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => !same(b[k], a[k])).map((key) => ({ key, before: b[key], after: a[key] }));
}

const KEY_LABELS: Record<string, string> = {
  agentId: "Agent",
  ownerId: "Owner",
  environmentId: "Environment",
  parentId: "Parent agent",
  paramsSchema: "Parameter schema",
  approvalTtlSeconds: "Approval expiry (s)",
  operationPattern: "Operation",
  resourcePatterns: "Resources",
  expiresAt: "Expires",
  statusReason: "Status reason",
  maxPendingApprovals: "Max pending approvals",
  inputSchema: "Input schema",
};

function humanKey(key: string): string {
  if (KEY_LABELS[key]) return KEY_LABELS[key];
  return key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());
}

function Value({ value, tone }: { value: Json; tone: "before" | "after" }) {
  const text = render(value);
  const long = text.length > 160;
  return (
    <span
      title={long ? text : undefined}
      className={
        tone === "before"
          ? "break-all rounded bg-red-50 px-1 font-mono text-[11px] text-red-800 line-through decoration-red-300"
          : "break-all rounded bg-emerald-50 px-1 font-mono text-[11px] text-emerald-800"
      }
    >
      {long ? `${text.slice(0, 160)}…` : text}
    </span>
  );
}

/**
 * `hideKeys` drops fields the context already shows (an agent's own id in its history). On a
 * create or a delete, empty fields are left out: "Parent agent: none" says nothing.
 */
export function AuditDiff({
  before,
  after,
  hideKeys = [],
}: {
  before: Json;
  after: Json;
  hideKeys?: string[];
}) {
  const created = before === null || before === undefined;
  const deleted = after === null || after === undefined;
  const rows = diffRows(before, after).filter((row) => {
    if (hideKeys.includes(row.key)) return false;
    if (created) return row.after !== null && row.after !== "";
    if (deleted) return row.before !== null && row.before !== "";
    return true;
  });
  if (rows.length === 0) return null;
  return (
    <dl className="mt-2 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-xs">
      {rows.map((row) => (
        <div key={row.key} className="contents">
          <dt className="text-slate-500">{humanKey(row.key)}</dt>
          <dd className="min-w-0">
            {created || row.before === undefined ? (
              <Value value={row.after} tone="after" />
            ) : deleted || row.after === undefined ? (
              <Value value={row.before} tone="before" />
            ) : (
              <span className="inline-flex flex-wrap items-center gap-1">
                <Value value={row.before} tone="before" />
                <span aria-label="changed to" className="text-slate-400">
                  →
                </span>
                <Value value={row.after} tone="after" />
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
