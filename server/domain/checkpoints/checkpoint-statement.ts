import { canonicalJson } from "../canonical-json";

// What a checkpoint signs: a small canonical JSON document, exported verbatim (as a string) so
// that a verifier outside Warden checks the signature over exactly these bytes and need not
// reproduce any canonical form.

export const CHECKPOINT_TYPE = "warden.checkpoint.v1";

export type CheckpointHead = { chainKey: string; seq: string; hash: string };

export type CheckpointStatement = {
  type: typeof CHECKPOINT_TYPE;
  checkpointId: string;
  orgId: string;
  createdAt: string;
  heads: CheckpointHead[];
};

export function checkpointStatement(input: Omit<CheckpointStatement, "type">): string {
  const heads = [...input.heads].sort((a, b) =>
    a.chainKey < b.chainKey ? -1 : a.chainKey > b.chainKey ? 1 : 0,
  );
  return canonicalJson({ ...input, type: CHECKPOINT_TYPE, heads });
}
