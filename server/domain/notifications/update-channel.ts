import { db } from "../../db";
import { memberActor } from "../agents/change-context";
import { writeAuditEvent } from "../audit/write-audit-event";
import { authorize, type MemberContext } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { channelInputSchema } from "./channel-fields";
import { assertEnvironmentOfOrg, channelAuditSnapshot } from "./channel-record";
import { channelUrlAddressProblem } from "./webhook-address-guard";

const patchSchema = channelInputSchema.omit({ kind: true }).partial();

export type ChannelPatch = {
  name?: string;
  url?: string;
  events?: string[];
  environmentId?: string | null;
  enabled?: boolean;
};

/** Change a channel's name, URL, events, environment or turn it on/off. Its kind and secret stay. */
export async function updateChannel(
  member: MemberContext,
  input: { id: string } & ChannelPatch,
): Promise<{ id: string }> {
  authorize(member, "notifications:manage");
  const { id, enabled, ...rest } = input;
  const parsed = patchSchema.safeParse(rest);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError("INVALID_REQUEST", issues[0]?.message ?? "Some fields need attention.", { issues });
  }
  const addressProblem = parsed.data.url ? await channelUrlAddressProblem(parsed.data.url) : null;
  if (addressProblem) {
    throw new AppError("INVALID_REQUEST", addressProblem, {
      issues: [{ path: "url", message: addressProblem }],
    });
  }
  return db.$transaction(async (tx) => {
    const channel = await tx.notificationChannel.findFirst({ where: { id, orgId: member.orgId } });
    if (!channel) throw notFound("The notification channel");
    if (parsed.data.environmentId !== undefined) {
      await assertEnvironmentOfOrg(tx, member.orgId, parsed.data.environmentId);
    }
    const updated = await tx.notificationChannel.update({
      where: { id },
      data: { ...parsed.data, ...(enabled === undefined ? {} : { enabled }) },
    });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: memberActor(member),
      action: "notification_channel.updated",
      targetType: "notification_channel",
      targetId: id,
      before: channelAuditSnapshot(channel),
      after: channelAuditSnapshot(updated),
    });
    return { id };
  });
}
