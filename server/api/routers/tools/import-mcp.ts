import { z } from "zod";
import { authorize } from "../../../domain/auth/permissions";
import { importMcpTools } from "../../../domain/tools/import-mcp-tools";
import { orgProcedure } from "../../trpc";
import { toolNameInput } from "./tool-input";

export const importMcpInput = z.object({
  toolName: toolNameInput,
  // A hard stop well above the 1 MB the domain allows, so the domain can explain the limit.
  json: z
    .string()
    .min(1)
    .max(4 * 1024 * 1024),
});

/** Import or refresh a tool's operations from an MCP server's tools/list response. */
export const importMcpProcedure = orgProcedure.input(importMcpInput).mutation(async ({ ctx, input }) => {
  authorize(ctx.member, "tools:write");
  return importMcpTools(ctx.member, input);
});
