import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-path";

describe("safeCallbackPath", () => {
  it.each([
    ["/approvals", "/approvals"],
    ["/runs?agent=agt_1#top", "/runs?agent=agt_1#top"],
    ["/agents/agt_1/../../settings", "/settings"],
  ])("keeps a path on this site: %s", (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    "",
    "agents",
    "https://evil.example/",
    "//evil.example/session-expired",
    "/\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/%2F/evil.example/..",
    "javascript:alert(1)",
    `/${"a".repeat(3000)}`,
  ])("falls back to the agents list for anything else: %j", (raw) => {
    const path = safeCallbackPath(raw);
    expect(path === "/agents" || (path.startsWith("/") && !path.startsWith("//"))).toBe(true);
    expect(new URL(path, "https://warden.example").origin).toBe("https://warden.example");
  });

  it("refuses protocol-relative and backslash forms outright", () => {
    expect(safeCallbackPath("//evil.example")).toBe("/agents");
    expect(safeCallbackPath("/\\evil.example")).toBe("/agents");
    expect(safeCallbackPath("/\t/evil.example")).toBe("/agents");
  });
});
