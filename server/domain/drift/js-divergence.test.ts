import { describe, expect, it } from "vitest";
import { jensenShannonDivergence } from "./js-divergence";

describe("jensenShannonDivergence", () => {
  it("is 0 for the same mix, whatever the volumes", () => {
    expect(jensenShannonDivergence({ a: 10, b: 30 }, { a: 1, b: 3 })).toBeCloseTo(0, 12);
  });

  it("is 1 for mixes with nothing in common", () => {
    expect(jensenShannonDivergence({ a: 5 }, { b: 7 })).toBeCloseTo(1, 12);
  });

  it("is symmetric", () => {
    const p = { a: 3, b: 1, c: 6 };
    const q = { a: 1, b: 8 };
    expect(jensenShannonDivergence(p, q)).toBeCloseTo(jensenShannonDivergence(q, p)!, 12);
  });

  it("matches a hand computation", () => {
    // p = (1/2, 1/2), q = (1, 0): m = (3/4, 1/4);
    // KL(p||m) = 1/2 log2(2/3) + 1/2 log2(2); KL(q||m) = log2(4/3).
    const expected = (0.5 * Math.log2(2 / 3) + 0.5 * Math.log2(2) + Math.log2(4 / 3)) / 2;
    expect(jensenShannonDivergence({ a: 1, b: 1 }, { a: 2 })).toBeCloseTo(expected, 12);
  });

  it("is undefined when one side has no calls", () => {
    expect(jensenShannonDivergence({}, { a: 1 })).toBeNull();
    expect(jensenShannonDivergence({ a: 0 }, { a: 1 })).toBeNull();
  });
});
