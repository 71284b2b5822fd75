// Console sessions end when the password changes: whoever knew the old one (an admin who set the
// temporary password) is signed out, on the real database through changeOwnPassword.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { hashPassword } from "@/server/domain/auth/password";
import { changeOwnPassword } from "@/server/domain/account/change-own-password";
import { rand } from "@/test/factories";
import { sessionStands, standingSessionUserId } from "./session-validity";

describe("session validity", () => {
  it("a password change ends the sessions signed in before it, not the ones after", async () => {
    const email = `session-${rand()}@test.warden`;
    const user = await db.user.create({
      data: { email, name: "Session", passwordHash: await hashPassword("temporary-password-1") },
    });
    const before = Date.now();
    expect(await standingSessionUserId(db, user.id, before)).toBe(user.id);
    // A session from before signedInAt was recorded stands while the password never changed.
    expect(await standingSessionUserId(db, user.id, undefined)).toBe(user.id);

    await new Promise((r) => setTimeout(r, 5));
    await changeOwnPassword(db, {
      user: { id: user.id, email },
      orgId: null,
      currentPassword: "temporary-password-1",
      newPassword: "my-own-password-1",
    });
    expect(await standingSessionUserId(db, user.id, before)).toBeNull();
    expect(await standingSessionUserId(db, user.id, undefined)).toBeNull();
    expect(await standingSessionUserId(db, user.id, Date.now())).toBe(user.id);
  });

  it("no user, no session", async () => {
    expect(await standingSessionUserId(db, "usr_doesnotexist", Date.now())).toBeNull();
    expect(await standingSessionUserId(db, undefined, Date.now())).toBeNull();
  });

  it("compares the sign-in time with the change", () => {
    const changed = new Date("2026-11-22T10:00:00.000Z");
    expect(sessionStands(changed.getTime(), changed)).toBe(true);
    expect(sessionStands(changed.getTime() - 1, changed)).toBe(false);
    expect(sessionStands("1790000000000", changed)).toBe(false);
    expect(sessionStands(undefined, null)).toBe(true);
  });
});
