// Names, effect classes and limits of the tool catalog, shared by the console's inputs, the MCP
// import and the fleet file.
export const TOOL_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const OPERATION_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
export const MAX_TOOL_NAME_LENGTH = 64;
export const MAX_OPERATION_NAME_LENGTH = 128;
export const MAX_TOOL_DESCRIPTION_LENGTH = 2_000;
/** MCP descriptions double as model prompts and can run to several paragraphs. */
export const MAX_OPERATION_DESCRIPTION_LENGTH = 10_000;
/** Keeps a tool's operation list (and the policy snapshot built from it) bounded. */
export const MAX_OPERATIONS_PER_TOOL = 500;

export const EFFECT_CLASSES = ["READ", "WRITE", "DELETE", "SPEND", "ADMIN"] as const;
export type EffectClass = (typeof EFFECT_CLASSES)[number];

/** How much an effect class can hurt; used so that an import never loosens a classification. */
export const EFFECT_STRICTNESS: Record<EffectClass, number> = {
  READ: 0,
  WRITE: 1,
  SPEND: 2,
  DELETE: 2,
  ADMIN: 3,
};

/**
 * Whether changing an operation's effect class from `from` to `to` loosens the policy of every
 * agent that may call it: fewer approvals or fewer `writes` charged. A lower class in
 * EFFECT_STRICTNESS does; so does DELETE → SPEND, although both rank 2 there (the import keeps
 * either when the other is suggested): guarded agents (autonomy 2) need approval for DELETE and
 * not for SPEND.
 */
export function loosensEffect(from: EffectClass, to: EffectClass): boolean {
  if (EFFECT_STRICTNESS[to] !== EFFECT_STRICTNESS[from])
    return EFFECT_STRICTNESS[to] < EFFECT_STRICTNESS[from];
  return from === "DELETE" && to === "SPEND";
}

export const TOOL_NAME_RULE =
  "Tool names use lower-case letters, digits, - and _, and start with a letter or digit.";
export const OPERATION_NAME_RULE =
  "Operation names use letters, digits, '.', '-' and '_', and start with a letter or digit.";

export function operationNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > MAX_OPERATION_NAME_LENGTH) {
    return `Operation names are 1 to ${MAX_OPERATION_NAME_LENGTH} characters long.`;
  }
  return OPERATION_NAME_PATTERN.test(name) ? null : OPERATION_NAME_RULE;
}
