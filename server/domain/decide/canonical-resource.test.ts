import { describe, expect, it } from "vitest";
import { resourceProblem } from "./canonical-resource";

describe("resourceProblem", () => {
  it.each([
    "repo:acme/web",
    "slack:#support",
    "repo:acme/web.app",
    "s3:bucket/a..b/c",
    "url:api.example.com/v1/items%20x",
    "drive:café/menü",
    "x",
  ])("accepts %s", (resource) => {
    expect(resourceProblem(resource)).toBeNull();
  });

  it.each([
    ["empty", ""],
    ["dot-dot segment", "repo:acme/../secret"],
    ["dot segment", "repo:acme/./web"],
    ["leading dot-dot", "repo:../acme"],
    ["trailing slash", "repo:acme/web/"],
    ["empty segment", "repo:acme//web"],
    ["leading slash", "fs:/etc/passwd"],
    ["nothing after the type", "repo:"],
    ["encoded slash", "repo:acme%2Fweb"],
    ["encoded slash, lower case", "repo:acme%2fweb"],
    ["encoded dot", "repo:acme/%2e%2e/x"],
    ["encoded backslash", "repo:acme%5Cweb"],
    ["double encoding", "repo:acme%252Fweb"],
    ["backslash", "repo:acme\\web"],
    ["NUL", "repo:acme/web\u0000"],
    ["newline", "repo:acme/web\nrepo:acme/api"],
    ["tab", "repo:acme\t/web"],
    ["space", "repo:acme/my web"],
    ["zero-width space", "repo:acme/we\u200bb"],
    ["bidi override", "repo:acme/\u202ebew"],
    ["decomposed (NFD) é", "drive:cafe\u0301"],
    ["fullwidth solidus", "repo:acme\uff0fweb"],
    ["one-dot leader", "repo:acme/\u2024\u2024/x"],
    ["lone surrogate", "repo:acme/\ud800"],
    ["too long", `repo:${"a".repeat(1100)}`],
  ])("refuses %s", (_name, resource) => {
    expect(resourceProblem(resource)).toMatch(/\S/);
  });
});
