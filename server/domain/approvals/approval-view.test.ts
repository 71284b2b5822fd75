import { describe, expect, it } from "vitest";
import { approvalView, effectiveApprovalStatus, type ApprovalRow } from "./approval-view";

const now = new Date("2026-01-01T12:00:00Z");
const row = (overrides: Partial<ApprovalRow>): ApprovalRow => ({
  id: "apr_1",
  status: "PENDING",
  expiresAt: new Date(now.getTime() + 60_000),
  decidedAt: null,
  consumedAt: null,
  requiredApprovers: 2,
  approveVotes: 1,
  ...overrides,
});
const past = new Date(now.getTime() - 1);

describe("effectiveApprovalStatus", () => {
  it.each([
    ["pending", row({}), "PENDING"],
    ["pending past its expiry", row({ expiresAt: past }), "EXPIRED"],
    ["pending exactly at its expiry", row({ expiresAt: now }), "EXPIRED"],
    ["approved", row({ status: "APPROVED" }), "APPROVED"],
    ["approved, unused past its expiry", row({ status: "APPROVED", expiresAt: past }), "EXPIRED"],
    ["denied past its expiry", row({ status: "DENIED", expiresAt: past }), "DENIED"],
    ["cancelled", row({ status: "CANCELLED" }), "CANCELLED"],
    ["used", row({ status: "APPROVED", consumedAt: past, expiresAt: past }), "CONSUMED"],
  ] as const)("%s → %s", (_label, input, expected) => {
    expect(effectiveApprovalStatus(input, now)).toBe(expected);
  });

  it("shows the agent the state, expiry and count of approvals, nothing about the voters", () => {
    expect(approvalView(row({ decidedAt: past }), now)).toEqual({
      id: "apr_1",
      status: "PENDING",
      expiresAt: "2026-01-01T12:01:00.000Z",
      decidedAt: past.toISOString(),
      requiredApprovers: 2,
      approvals: 1,
    });
  });
});
