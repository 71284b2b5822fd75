import type { Db } from "../../db";
import type { Actor } from "../audit/write-audit-event";
import { AppError } from "../errors";
import { FleetSignOff } from "../change-requests/fleet-sign-off";
import { bumpPolicyVersion } from "../policy/bump-policy-version";
import { applyAgents, checkAgentsAgainstDatabase } from "./apply-fleet-agents";
import { applyEnvironments, applyMembers, applyOrg } from "./apply-fleet-org";
import { applyTools } from "./apply-fleet-tools";
import { checkFleetOutcome } from "./check-fleet-outcome";
import { cliActor, FleetChanges, type FleetApplyResult } from "./fleet-changes";
import type { FleetDocument } from "./fleet-schema";
import { parseFleetFile, validateFleetDocument } from "./parse-fleet-file";

export type { FleetApplyResult } from "./fleet-changes";

/** Thrown inside the transaction to roll a dry run back, carrying what it would have done. */
class DryRunRollback extends Error {
  constructor(readonly result: FleetApplyResult) {
    super("dry run");
  }
}

/**
 * Make the database match a fleet file (its text, or a document already parsed), in ONE
 * transaction: all of it is applied or none of it. Idempotent: applying the same file again
 * changes nothing and writes no audit event. Every actual change writes one audit event with
 * `actor` (default `cli:<os user>`), and the policy version is bumped once if any change can
 * affect decisions. An invalid file throws INVALID_FLEET_FILE with every problem at its path.
 */
export async function applyFleet(
  db: Db,
  source: string | FleetDocument,
  actor: Actor = cliActor(),
  options: { dryRun?: boolean } = {},
): Promise<FleetApplyResult> {
  // Validated again even when already parsed: a document built in code gets the same checks.
  const doc = typeof source === "string" ? parseFleetFile(source) : validateFleetDocument(source);
  try {
    return await db.$transaction(
      async (tx) => {
        // Two applies of one org run one after the other rather than interleaving their diffs.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`warden:fleet:${doc.org}`}))`;

        const existingOrg = await tx.organization.findUnique({
          where: { slug: doc.org },
          select: { id: true },
        });
        const issues = await checkAgentsAgainstDatabase(tx, existingOrg?.id ?? null, doc);
        if (issues.length > 0) {
          throw new AppError(
            "INVALID_FLEET_FILE",
            `The fleet file conflicts with what org ${doc.org} already holds; nothing was applied.`,
            { issues },
          );
        }

        const changes = new FleetChanges(tx, actor);
        const orgId = await applyOrg(tx, doc, changes);
        // Widening a production agent waits for security's sign-off, except in the apply that
        // creates the org (seed, first apply): nothing existed to widen and nobody could sign off.
        if (existingOrg) changes.signOff = new FleetSignOff(tx, orgId, actor);
        const environments = await applyEnvironments(tx, orgId, doc, changes);
        const members = await applyMembers(tx, orgId, doc, changes);
        await applyTools(tx, orgId, doc, changes);
        await applyAgents(tx, orgId, doc, { environments, members }, changes);
        const outcome = await checkFleetOutcome(tx, orgId, doc);
        if (outcome.length > 0) {
          throw new AppError(
            "INVALID_FLEET_FILE",
            `Applying the fleet file would break org ${doc.org}; nothing was applied.`,
            {
              issues: outcome,
            },
          );
        }
        if (changes.policyChanged) await bumpPolicyVersion(tx, orgId);

        if (options.dryRun) throw new DryRunRollback(changes.result(true));
        return changes.result(false);
      },
      // A large fleet writes many rows and audit events; the default 5 s would cut it short.
      { maxWait: 15_000, timeout: 120_000 },
    );
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    throw error;
  }
}
