import { describe, expect, it } from "vitest";
import {
  operationMatches,
  operationPatternCovers,
  operationPatternProblem,
  patternCovers,
  resourceMatches,
  resourcePatternProblem,
  resourcePatternsCovered,
} from "./patterns";

describe("operationMatches", () => {
  it.each([
    ["github:pulls.*", "github", "pulls.merge", true],
    ["github:pulls.*", "github", "pulls.", true],
    ["github:pulls.*", "github", "issues.create", false],
    ["github:*", "github", "repos.delete", true],
    ["*:*", "stripe", "refunds.create", true],
    ["github:pulls.merge", "github", "pulls.merge", true],
    ["github:pulls.merge", "github", "pulls.merged", false],
    ["git*:pulls.merge", "github", "pulls.merge", true],
    ["github:{pulls,issues}.get", "github", "issues.get", true],
    // A wildcard never crosses the colon.
    ["github*", "github", "pulls.merge", false],
    ["*", "github", "pulls.merge", false],
    ["github:pulls.*", "github:pulls", "x", false],
    ["gith*b:*", "gith:x:b", "y", false],
    // Malformed patterns match nothing.
    ["github", "github", "x", false],
    ["a:b:c", "a", "b:c", false],
    ["!github:*", "slack", "post", false],
  ])("%s ~ %s:%s → %s", (pattern, tool, operation, expected) => {
    expect(operationMatches(pattern, tool, operation)).toBe(expected);
  });
});

describe("resourceMatches", () => {
  it.each([
    [["repo:acme/web"], "repo:acme/web", true],
    [["repo:acme/web"], "repo:acme/web2", false],
    [["repo:acme/*"], "repo:acme/web", true],
    [["repo:acme/*"], "repo:acme/web/sub", false],
    [["repo:acme/**"], "repo:acme/web/sub", true],
    [["repo:acme/*"], "repo:other/web", false],
    [["slack:#support"], "slack:#support", true],
    [["slack:#sup*"], "slack:#support", true],
    [["**"], "anything:at/all", true],
    [["repo:acme/.hidden"], "repo:acme/.hidden", true],
    [["repo:acme/*"], "repo:acme/.hidden", true],
    [[], "repo:acme/web", false],
    [["repo:a", "repo:b"], "repo:b", true],
  ])("%j ~ %s → %s", (patterns, resource, expected) => {
    expect(resourceMatches(patterns, resource)).toBe(expected);
  });
});

describe("pattern validation", () => {
  it("accepts tool:operation globs", () => {
    for (const p of ["github:pulls.*", "*:*", "slack:chat.postMessage", "git{hub,lab}:issues.*"]) {
      expect(operationPatternProblem(p)).toBeNull();
    }
  });

  it("refuses malformed operation patterns with a sentence", () => {
    for (const p of [
      "",
      "github",
      "github:",
      ":x",
      "a:b:c",
      "github :x",
      "!github:*",
      "github:!x",
      "x".repeat(199) + ":y",
    ]) {
      expect(operationPatternProblem(p)).toMatch(/\w/);
    }
  });

  it("refuses malformed resource patterns", () => {
    expect(resourcePatternProblem("repo:acme/*")).toBeNull();
    expect(resourcePatternProblem("slack:#support")).toBeNull();
    for (const p of ["", "repo acme", "repo:\tx", "!repo:x", "r".repeat(301)]) {
      expect(resourcePatternProblem(p)).toMatch(/\w/);
    }
  });
});

describe("patternCovers", () => {
  it.each([
    ["repo:acme/web", "repo:acme/web", true],
    ["repo:acme/*", "repo:acme/web", true],
    ["repo:acme/*", "repo:acme/w*", true],
    ["repo:acme/*", "repo:acme/w?b", true],
    ["repo:acme/*", "repo:acme/*", true],
    ["repo:acme/*", "repo:acme/*/x", false],
    ["repo:acme/*", "repo:acme/**", false],
    ["repo:acme/*", "repo:acme/{web,api}", false],
    ["repo:acme/**", "repo:acme/web/*", true],
    ["repo:acme/**", "repo:acme/{web,api}", true],
    ["repo:acme/**", "repo:acme/web", true],
    ["repo:acme/**", "repo:other/*", false],
    ["repo:acme/**", "repo:acme*", false],
    ["**", "repo:*/x", true],
    ["repo:acme/web", "repo:acme/*", false],
    ["repo:acme/w*", "repo:acme/*", false],
    ["repo:{acme,beta}/*", "repo:acme/web", true],
    // Shapes we cannot prove are refused, even when they happen to be subsets.
    ["repo:{acme,beta}/*", "repo:acme/*", false],
    ["repo:acme/[a-z]*", "repo:acme/web*", false],
  ])("%s ⊇ %s → %s", (parent, child, expected) => {
    expect(patternCovers(parent, child)).toBe(expected);
  });

  it("compares operation patterns tool and operation separately", () => {
    expect(operationPatternCovers("github:*", "github:pulls.*")).toBe(true);
    expect(operationPatternCovers("*:*", "github:*")).toBe(true);
    expect(operationPatternCovers("github:pulls.*", "github:pulls.merge")).toBe(true);
    expect(operationPatternCovers("github:pulls.*", "github:*")).toBe(false);
    expect(operationPatternCovers("github:pulls.*", "gitlab:pulls.merge")).toBe(false);
    expect(operationPatternCovers("github:pulls.merge", "github:pulls.*")).toBe(false);
    expect(operationPatternCovers("github", "github")).toBe(false);
  });

  it("requires every child resource to be covered", () => {
    expect(resourcePatternsCovered(["repo:acme/*", "slack:#ops"], ["repo:acme/web", "slack:#ops"])).toBe(
      true,
    );
    expect(resourcePatternsCovered(["repo:acme/*"], ["repo:acme/web", "slack:#ops"])).toBe(false);
  });

  // Soundness spot-check: whenever coverage is claimed, every probe the child matches, the parent matches.
  it("never claims coverage the matcher contradicts", () => {
    const patterns = [
      "repo:acme/*",
      "repo:acme/**",
      "repo:acme/w*",
      "repo:acme/w?b",
      "**",
      "repo:acme/web",
      "repo:*",
    ];
    const probes = [
      "repo:acme/web",
      "repo:acme/wxb",
      "repo:acme/w",
      "repo:acme/web/x",
      "repo:acme",
      "repo:x",
      "repo:acme/.w",
    ];
    for (const parent of patterns) {
      for (const child of patterns) {
        if (!patternCovers(parent, child)) continue;
        for (const probe of probes) {
          if (resourceMatches([child], probe))
            expect(resourceMatches([parent], probe), `${parent} ⊇ ${child} @ ${probe}`).toBe(true);
        }
      }
    }
  });
});
