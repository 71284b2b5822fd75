import { describe, expect, it } from "vitest";
import { windowKey } from "./window-key";

describe("windowKey", () => {
  const now = new Date("2026-11-21T22:59:59.999Z");

  it("uses UTC day and hour keys", () => {
    expect(windowKey("day", now)).toBe("2026-11-21");
    expect(windowKey("hour", now)).toBe("2026-11-21T22");
    expect(windowKey("hour", new Date("2026-11-21T23:00:00.000Z"))).toBe("2026-11-21T23");
    expect(windowKey("day", new Date("2026-11-22T00:30:00+01:00"))).toBe("2026-11-21");
  });

  it("keys run windows by run id, which is required", () => {
    expect(windowKey("run", now, "run_abc")).toBe("run_abc");
    expect(() => windowKey("run", now)).toThrow(/run id/);
  });
});
