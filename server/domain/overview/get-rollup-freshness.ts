import type { DbOrTx } from "../../db";

/**
 * How current the rollups are: every decision committed before `asOf` is counted. Null before
 * the rollup job's first complete pass.
 */
export async function getRollupFreshness(
  db: DbOrTx,
  now = new Date(),
): Promise<{ asOf: Date | null; lagSeconds: number | null }> {
  const state = await db.rollupState.findUnique({ where: { id: "rollups" }, select: { caughtUpAt: true } });
  const asOf = state && state.caughtUpAt.getTime() > 0 ? state.caughtUpAt : null;
  return { asOf, lagSeconds: asOf ? Math.max(0, Math.round((now.getTime() - asOf.getTime()) / 1000)) : null };
}
