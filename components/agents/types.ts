import type { RouterOutputs } from "@/components/trpc";

export type AgentDetail = RouterOutputs["agents"]["get"];
export type AgentListItem = RouterOutputs["agents"]["list"]["items"][number];
