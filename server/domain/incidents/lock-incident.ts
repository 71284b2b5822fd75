import type { Tx } from "../../db";
import type { Incident } from "../../generated/prisma/client";
import { notFound } from "../errors";

/** Load an incident of the org for a change, holding its row lock (status changes apply in order). */
export async function lockIncident(tx: Tx, orgId: string, incidentId: string): Promise<Incident> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM incidents WHERE id = ${incidentId} AND org_id = ${orgId} FOR UPDATE`;
  if (rows.length === 0) throw notFound("This incident");
  return tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
}
