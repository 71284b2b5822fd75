// A what-if draft: the grants and quotas an agent would have, written exactly as in the fleet
// file (YAML or JSON) and checked by the fleet file's own schema and semantic checks, so that a
// draft that replays here is one that `warden apply` would accept.
import { parseDocument } from "yaml";
import { z } from "zod";
import { AppError, type FieldIssue } from "../errors";
import { checkFleetSemantics } from "../fleet/check-fleet-semantics";
import { fleetDocumentSchema, type FleetGrant, type FleetQuota } from "../fleet/fleet-schema";
import { formatPath } from "../fleet/parse-fleet-file";

export type ReplayDraft = { grants: FleetGrant[]; quotas: FleetQuota[] };

export const MAX_DRAFT_BYTES = 256 * 1024;

const agentShape = fleetDocumentSchema.shape.agents.unwrap().element.shape;
const draftSchema = z.strictObject(
  { grants: agentShape.grants, quotas: agentShape.quotas },
  { error: "must be a mapping with grants: [...] and quotas: [...]" },
);

/** Parse and check a draft's text. Throws INVALID_REQUEST listing every problem by its path. */
export function parseReplayDraft(text: string): ReplayDraft {
  if (Buffer.byteLength(text, "utf8") > MAX_DRAFT_BYTES) {
    throw invalid([{ path: "(draft)", message: "is larger than 256 KB" }]);
  }
  const yamlDocument = parseDocument(text, { uniqueKeys: true, merge: false });
  if (yamlDocument.errors.length > 0) {
    throw invalid(
      yamlDocument.errors.map((error) => {
        const line = error.linePos?.[0];
        return {
          path: line ? `line ${line.line}, column ${line.col}` : "(draft)",
          message: `is not valid YAML or JSON: ${error.message.split(" at line")[0]}`,
        };
      }),
    );
  }
  const value: unknown = yamlDocument.toJS({ maxAliasCount: 100 }) ?? {};
  const parsed = draftSchema.safeParse(value);
  const issues: FieldIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: formatPath(issue.path).replace("(file)", "(draft)"),
        message: issue.message,
      }));
  if (parsed.success) {
    // The fleet file's semantic pass (schemas that compile, no duplicate quotas), on a one-agent
    // document made around the draft; its paths are mapped back to the draft's.
    const wrapped = {
      org: "draft",
      members: [{ email: "draft@replay.invalid", roles: ["OWNER"] }],
      agents: [
        { name: "draft", owner: "draft@replay.invalid", environment: "dev", autonomy: 3, ...parsed.data },
      ],
    };
    for (const issue of checkFleetSemantics(wrapped)) {
      issues.push({ path: issue.path.replace(/^agents\[0\]\.?/, "") || "(draft)", message: issue.message });
    }
  }
  if (!parsed.success || issues.length > 0) throw invalid(issues);
  return parsed.data;
}

function invalid(issues: FieldIssue[]): AppError {
  const count = issues.length;
  return new AppError(
    "INVALID_REQUEST",
    `The draft has ${count} problem${count === 1 ? "" : "s"}; fix ${count === 1 ? "it" : "them"} and replay again.`,
    { issues },
  );
}
