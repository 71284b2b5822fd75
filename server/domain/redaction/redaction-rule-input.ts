import { z } from "zod";
import { parseJsonPath } from "./json-path";

export const MAX_PATHS_PER_RULE = 20;

/** The JSON paths of one rule: one or more, each readable by parseJsonPath, without repeats. */
export const redactionPathsInput = z
  .array(z.string().trim())
  .transform((paths) => [...new Set(paths.filter((p) => p.length > 0))])
  .superRefine((paths, ctx) => {
    if (paths.length === 0)
      ctx.addIssue({ code: "custom", message: "Add at least one JSON path, e.g. $.card.number" });
    if (paths.length > MAX_PATHS_PER_RULE)
      ctx.addIssue({ code: "custom", message: `At most ${MAX_PATHS_PER_RULE} paths per rule` });
    for (const path of paths) {
      const parsed = parseJsonPath(path);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: `${path}: ${parsed.message}` });
    }
  });

export const redactionRuleFields = z.object({
  part: z.enum(["PARAMS", "RESULT"]),
  mode: z.enum(["REDACT", "FINGERPRINT"]),
  paths: redactionPathsInput,
});

export type RedactionRuleFields = z.output<typeof redactionRuleFields>;
