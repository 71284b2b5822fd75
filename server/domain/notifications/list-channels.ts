import { db } from "../../db";
import { authorize, type MemberContext } from "../auth/permissions";
import { maskedUrl } from "./channel-record";

export const RECENT_DELIVERIES = 10;

export type ChannelView = {
  id: string;
  kind: "SLACK" | "WEBHOOK";
  name: string;
  /** Origin and the start of the path only: webhook URLs are credentials. */
  url: string;
  events: string[];
  environment: { id: string; name: string } | null;
  enabled: boolean;
  signed: boolean;
  createdAt: Date;
  deliveries: {
    id: string;
    event: string;
    approvalId: string | null;
    status: "PENDING" | "DELIVERED" | "FAILED";
    attempts: number;
    lastError: string | null;
    nextAttemptAt: Date;
    createdAt: Date;
    deliveredAt: Date | null;
  }[];
};

/** The org's channels, each with its most recent deliveries. */
export async function listChannels(member: MemberContext): Promise<ChannelView[]> {
  authorize(member, "notifications:manage");
  const channels = await db.notificationChannel.findMany({
    where: { orgId: member.orgId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      environment: { select: { id: true, name: true } },
      deliveries: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: RECENT_DELIVERIES,
        select: {
          id: true,
          event: true,
          approvalId: true,
          status: true,
          attempts: true,
          lastError: true,
          nextAttemptAt: true,
          createdAt: true,
          deliveredAt: true,
        },
      },
    },
  });
  return channels.map((channel) => ({
    id: channel.id,
    kind: channel.kind,
    name: channel.name,
    url: maskedUrl(channel.url),
    events: channel.events,
    environment: channel.environment,
    enabled: channel.enabled,
    signed: channel.signingSecret !== null,
    createdAt: channel.createdAt,
    deliveries: channel.deliveries,
  }));
}
