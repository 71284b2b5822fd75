// The body of POST /api/decisions/{id}/outcome: what happened when the agent ran an allowed
// action — success or error, a digest of the result (never the result itself: it may hold
// customer data), and the side effects it caused, with links a reviewer can follow.
import { z } from "zod";
import { httpUrl, label, sha256Hex, text } from "./runtime-fields";

export const MAX_SIDE_EFFECTS = 50;

const sideEffectSchema = z.strictObject({
  /** What kind of thing was created or changed: `github.pull_request`, `slack.message`, `stripe.refund`. */
  kind: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$/, {
    error: "must be a short name (letters, digits, _ . : -), e.g. github.pull_request",
  }),
  url: httpUrl.nullish(),
  /** The id in the other system (`re_3Nx…`, a message timestamp). */
  externalId: label(256).nullish(),
  description: text(1000).nullish(),
});

export const outcomeReportSchema = z
  .strictObject({
    status: z.enum(["success", "error"]),
    resultDigest: sha256Hex.nullish(),
    error: z
      .strictObject({
        message: text(2000),
        code: label(100).nullish(),
      })
      .nullish(),
    sideEffects: z.array(sideEffectSchema).max(MAX_SIDE_EFFECTS).nullish(),
    /**
     * The tool's result itself, when the org wants it on the run's timeline. It is stored only after
     * the tool's RESULT redaction rules (secrets redacted or fingerprinted); leave it out to store
     * nothing but the digest.
     */
    result: z.unknown().optional().meta({
      description:
        "The tool's result, stored after the tool's redaction rules for results. Leave it out to store only resultDigest.",
    }),
  })
  .superRefine((report, ctx) => {
    if (report.status === "success" && report.error) {
      ctx.addIssue({
        code: "custom",
        path: ["error"],
        message: 'must be left out when status is "success"',
      });
    }
  })
  .meta({ title: "OutcomeReport" });

export type OutcomeReport = z.output<typeof outcomeReportSchema>;
export type SideEffect = NonNullable<OutcomeReport["sideEffects"]>[number];
