import { db } from "../../db";
import { writeAuditEvent } from "../audit/write-audit-event";
import { authorize, type MemberContext } from "../auth/permissions";
import { memberActor } from "../agents/change-context";
import { AppError } from "../errors";
import { channelInputSchema, type ChannelInput } from "./channel-fields";
import { assertEnvironmentOfOrg, channelAuditSnapshot } from "./channel-record";
import { channelUrlAddressProblem } from "./webhook-address-guard";
import { generateSigningSecret } from "./sign-webhook";

/**
 * Add a notification channel. A generic webhook gets a signing secret, returned here ONCE (the
 * receiver needs it to verify `Warden-Signature`); it is never shown again.
 */
export async function createChannel(
  member: MemberContext,
  raw: ChannelInput,
): Promise<{ id: string; signingSecret: string | null }> {
  authorize(member, "notifications:manage");
  const parsed = channelInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError("INVALID_REQUEST", issues[0]?.message ?? "Some fields need attention.", { issues });
  }
  const input = parsed.data;
  const addressProblem = await channelUrlAddressProblem(input.url);
  if (addressProblem) {
    throw new AppError("INVALID_REQUEST", addressProblem, {
      issues: [{ path: "url", message: addressProblem }],
    });
  }
  const signingSecret = input.kind === "WEBHOOK" ? generateSigningSecret() : null;
  return db.$transaction(async (tx) => {
    await assertEnvironmentOfOrg(tx, member.orgId, input.environmentId);
    const channel = await tx.notificationChannel.create({
      data: { orgId: member.orgId, ...input, signingSecret },
    });
    await writeAuditEvent(tx, {
      orgId: member.orgId,
      actor: memberActor(member),
      action: "notification_channel.created",
      targetType: "notification_channel",
      targetId: channel.id,
      after: channelAuditSnapshot(channel),
    });
    return { id: channel.id, signingSecret };
  });
}
