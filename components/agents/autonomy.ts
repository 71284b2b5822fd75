// The autonomy levels of DESIGN.md, in the words the console uses everywhere.

export type AutonomyLevel = 0 | 1 | 2 | 3;

export const AUTONOMY_LEVELS: { level: AutonomyLevel; name: string; summary: string; explanation: string }[] =
  [
    {
      level: 0,
      name: "Observe",
      summary: "Suggests only",
      explanation: "Every action is denied and recorded as a suggestion. Nothing happens without a human.",
    },
    {
      level: 1,
      name: "Assist",
      summary: "Reads on its own",
      explanation:
        "Reads are allowed within its grants; every other effect (write, delete, spend, admin) needs approval.",
    },
    {
      level: 2,
      name: "Guarded",
      summary: "Acts, asks before destroying",
      explanation: "Allowed within its grants; DELETE and ADMIN effects need approval.",
    },
    {
      level: 3,
      name: "Autonomous",
      summary: "Acts within its grants",
      explanation: "Allowed within its grants, without extra approvals from the autonomy level.",
    },
  ];

export const GRANT_RULE_STILL_APPLIES =
  "At every level, a grant's own approval rule still applies: the level can add approvals, never remove them.";

export function autonomyLabel(level: number): string {
  const found = AUTONOMY_LEVELS.find((l) => l.level === level);
  return found ? `${found.level} · ${found.name}` : `Level ${level}`;
}

export function autonomyExplanation(level: number): string {
  return AUTONOMY_LEVELS.find((l) => l.level === level)?.explanation ?? "";
}

export function isAutonomyLevel(value: unknown): value is AutonomyLevel {
  return value === 0 || value === 1 || value === 2 || value === 3;
}

/** Which of these effects the autonomy level sends to approval (on top of the grant's own rule). */
export function effectsNeedingApproval<E extends string>(level: number, effects: readonly E[]): E[] {
  if (level === 1) return effects.filter((e) => e !== "READ");
  if (level === 2) return effects.filter((e) => e === "DELETE" || e === "ADMIN");
  return [];
}
