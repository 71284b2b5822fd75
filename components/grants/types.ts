import type { RouterOutputs } from "@/components/trpc";

export type Grant = RouterOutputs["grants"]["list"][number];
export type CatalogTool = RouterOutputs["tools"]["list"][number];
export type ApprovalRule = Grant["approval"];
