import { db } from "../../db";
import { memberActor } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { authorize, type MemberContext } from "../auth/permissions";
import { notFound } from "../errors";
import { channelAuditSnapshot } from "./channel-record";

/** Remove a channel with its delivery history (pending deliveries are dropped with it). */
export async function deleteChannel(member: MemberContext, input: { id: string }): Promise<{ id: string }> {
  authorize(member, "notifications:manage");
  return db.$transaction(async (tx) => {
    const channel = await tx.notificationChannel.findFirst({ where: { id: input.id, orgId: member.orgId } });
    if (!channel) throw notFound("The notification channel");
    await tx.notificationChannel.delete({ where: { id: channel.id } });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: memberActor(member),
      action: "notification_channel.deleted",
      targetType: "notification_channel",
      targetId: channel.id,
      before: channelAuditSnapshot(channel),
    });
    return { id: channel.id };
  });
}
