import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { toJsonValue } from "../canonical-json";
import { authorize, type MemberContext } from "../auth/permissions";
import { notFound } from "../errors";
import { TEST_EVENT, type ApprovalEventPayload } from "./notification-events";

/**
 * Queue a test message to one channel. It goes through the outbox like any other delivery (same
 * signing, retries and history), so a green test means real messages will arrive too. The job
 * picks it up at its next poll (within seconds).
 */
export async function sendTestNotification(
  member: MemberContext,
  input: { id: string },
): Promise<{ id: string }> {
  authorize(member, "notifications:manage");
  const channel = await db.notificationChannel.findFirst({
    where: { id: input.id, orgId: member.orgId },
    select: { id: true, org: { select: { slug: true, name: true } } },
  });
  if (!channel) throw notFound("The notification channel");
  const payload: ApprovalEventPayload = {
    event: TEST_EVENT,
    org: channel.org,
    agent: null,
    environment: null,
    approval: null,
    votes: [],
    at: new Date().toISOString(),
  };
  const delivery = await db.notificationDelivery.create({
    data: {
      orgId: member.orgId,
      channelId: channel.id,
      event: TEST_EVENT,
      payload: toJsonValue(payload) as Prisma.InputJsonObject,
    },
    select: { id: true },
  });
  return delivery;
}
