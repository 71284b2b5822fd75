// A tool's redaction rules as declared in the fleet file (`redaction:` under a tool). A tool that
// declares the key is described completely by it — rules it does not list are removed; a tool
// without the key keeps the rules made in the console.
import type { Tx } from "../../db";
import type { FleetChanges } from "../fleet/fleet-changes";
import { ensurePayloadKey } from "./ensure-payload-key";

export type FleetRedactionRule = {
  part: "params" | "result";
  mode: "redact" | "fingerprint";
  paths: string[];
};

const PART = { params: "PARAMS", result: "RESULT" } as const;
const MODE = { redact: "REDACT", fingerprint: "FINGERPRINT" } as const;

const ruleKey = (r: { part: string; mode: string; paths: string[] }) =>
  `${r.part.toUpperCase()} ${r.mode.toUpperCase()} ${r.paths.join("\n")}`;

export async function applyFleetRedaction(
  tx: Tx,
  orgId: string,
  tool: { id: string; name: string },
  declared: FleetRedactionRule[] | undefined,
  changes: FleetChanges,
): Promise<void> {
  if (declared === undefined) return;
  const rows = await tx.redactionRule.findMany({
    where: { toolId: tool.id },
    select: { id: true, part: true, mode: true, paths: true },
  });
  const existing = new Map(rows.map((r) => [ruleKey(r), r]));
  for (const rule of declared) {
    const key = ruleKey(rule);
    if (existing.delete(key)) {
      changes.same();
      continue;
    }
    const data = { part: PART[rule.part], mode: MODE[rule.mode], paths: rule.paths };
    const created = await tx.redactionRule.create({
      data: { ...data, orgId, toolId: tool.id },
      select: { id: true },
    });
    await ensurePayloadKey(tx, orgId);
    await changes.record(
      "created",
      `redaction rule of ${tool.name}: ${rule.mode} ${rule.part} ${rule.paths.join(", ")}`,
      {
        action: "redaction_rule.created",
        targetType: "redaction_rule",
        targetId: created.id,
        after: { tool: tool.name, toolId: tool.id, ...data },
      },
      { policy: true },
    );
  }
  for (const row of existing.values()) {
    await tx.redactionRule.delete({ where: { id: row.id } });
    await changes.record(
      "deleted",
      `redaction rule of ${tool.name}: ${row.mode.toLowerCase()} ${row.part.toLowerCase()} ${row.paths.join(", ")}`,
      {
        action: "redaction_rule.deleted",
        targetType: "redaction_rule",
        targetId: row.id,
        before: { tool: tool.name, toolId: tool.id, part: row.part, mode: row.mode, paths: row.paths },
      },
      { policy: true },
    );
  }
}

/** The rules of a tool as the fleet file writes them (sorted, so an export is deterministic). */
export function fleetRedaction(
  rules: { part: string; mode: string; paths: string[] }[],
): FleetRedactionRule[] {
  return rules
    .map((r) => ({
      part: r.part === "RESULT" ? ("result" as const) : ("params" as const),
      mode: r.mode === "FINGERPRINT" ? ("fingerprint" as const) : ("redact" as const),
      paths: r.paths,
    }))
    .sort((a, b) => (ruleKey(a) < ruleKey(b) ? -1 : ruleKey(a) > ruleKey(b) ? 1 : 0));
}
