import { describe, expect, it } from "vitest";
import { operationMatches as serverMatches } from "@/server/domain/grants/patterns";
import { operationMatches, operationPatternHint } from "./match-pattern";

// The console's live preview must say what the server will decide.
const CASES: [pattern: string, tool: string, operation: string][] = [
  ["github:pulls.*", "github", "pulls.merge"],
  ["github:pulls.*", "github", "pulls"],
  ["github:pulls.*", "github", "issues.create"],
  ["github:*", "github", "repos.delete"],
  ["*:*.list", "stripe", "charges.list"],
  ["git*:pulls.merge", "github", "pulls.merge"],
  ["github:pulls.merge", "github", "pulls.merge"],
  ["github:pulls.merge", "github", "pulls.mergeX"],
  ["github:{pulls,issues}.get", "github", "issues.get"],
  ["github:pulls.?et", "github", "pulls.get"],
  ["github", "github", "pulls.merge"],
  ["github:*", "gitlab", "pulls.merge"],
  ["slack:.hidden*", "slack", ".hidden-op"],
  ["slack:*", "slack", ".dotted"],
];

describe("operationMatches (console preview)", () => {
  it.each(CASES)("%s on %s:%s agrees with the server", (pattern, tool, operation) => {
    expect(operationMatches(pattern, tool, operation)).toBe(serverMatches(pattern, tool, operation));
  });

  it("explains unusable patterns", () => {
    expect(operationPatternHint("github")).toMatch(/tool:operation/);
    expect(operationPatternHint("github:pulls *")).toMatch(/spaces/);
    expect(operationPatternHint("!github:*")).toMatch(/Negated/);
    expect(operationPatternHint("github:pulls.*")).toBeNull();
  });
});
