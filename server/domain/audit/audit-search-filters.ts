import { z } from "zod";

const shortText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? undefined : v))
    .optional();

/** The filters of the audit search (shared with the export route). */
export const auditSearchFilters = z
  .object({
    kind: z.enum(["decision", "event"]).optional(),
    agentId: shortText(100),
    tool: shortText(100),
    outcome: z.enum(["ALLOW", "DENY", "REQUIRE_APPROVAL"]).optional(),
    reasonCode: shortText(60),
    actor: shortText(200),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    text: shortText(200),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: "must be after the start", path: ["to"] });
