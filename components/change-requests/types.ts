import type { RouterOutputs } from "@/components/trpc";

export type ChangeRequestItem = RouterOutputs["changeRequests"]["list"][number];
export type GrantJson = Extract<ChangeRequestItem["change"], { kind: "grant.create" }>["payload"]["grant"];
