import type { DbOrTx } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { notFound } from "../errors";
import { decodeCursor, encodeCursor } from "./keyset-cursor";
import { readTimelinePage } from "./read-timeline-page";

/** The run page loads its story in pages of this many entries ("Load more"). */
export const TIMELINE_PAGE_SIZE = 200;

export async function listRunTimeline(
  db: DbOrTx,
  member: MemberContext,
  input: { runId: string; cursor?: string | null; limit?: number },
) {
  authorize(member, "org:read");
  const run = await db.run.findFirst({
    where: { id: input.runId, orgId: member.orgId },
    select: { id: true },
  });
  if (!run) throw notFound("This run");
  const limit = Math.min(Math.max(input.limit ?? TIMELINE_PAGE_SIZE, 1), 500);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const page = await readTimelinePage(db, { orgId: member.orgId, runId: run.id }, after, limit);
  return {
    entries: page.entries,
    nextCursor: page.more && page.last ? encodeCursor(page.last) : null,
  };
}
