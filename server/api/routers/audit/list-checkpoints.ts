import { db } from "../../../db";
import { authorize } from "../../../domain/auth/permissions";
import { checkpointPublicKeys } from "../../../domain/checkpoints/signing-key";
import { orgProcedure } from "../../trpc";

/** The latest signed checkpoints and the public key that signs them. */
export const listCheckpointsProcedure = orgProcedure.query(async ({ ctx }) => {
  authorize(ctx.member, "audit:read");
  const [latest, total, keys] = await Promise.all([
    db.chainCheckpoint.findMany({
      where: { orgId: ctx.member.orgId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 5,
      select: { id: true, createdAt: true, keyId: true, heads: true },
    }),
    db.chainCheckpoint.count({ where: { orgId: ctx.member.orgId } }),
    checkpointPublicKeys(db, ctx.member.orgId),
  ]);
  return {
    total,
    latest: latest.map((c) => ({ ...c, heads: Array.isArray(c.heads) ? c.heads.length : 0 })),
    publicKeys: keys,
  };
});
