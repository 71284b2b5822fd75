// Sign-in throttling, through the credentials provider's authorize() path on the real database:
// five failures for an e-mail lock it (even against the right password) for the window, the same
// way whether or not the account exists, and however many guesses arrive at once; other e-mails
// and successes are unaffected.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { passwordSignIn, SignInThrottledError } from "@/server/auth/password-sign-in";
import { hashPassword } from "@/server/domain/auth/password";
import { MAX_FAILURES, signInKey, WINDOW_MS } from "@/server/domain/auth/sign-in-throttle";
import { rand } from "@/test/factories";

const PASSWORD = "right-password-123";

async function userWithPassword() {
  const email = `signin-${rand()}@test.warden`;
  await db.user.create({ data: { email, name: "Sign In", passwordHash: await hashPassword(PASSWORD) } });
  return email;
}

/** A clock the test moves, and no real pauses. */
function fakeClock(start = new Date()) {
  let t = start.getTime();
  const slept: number[] = [];
  return {
    options: {
      now: () => new Date(t),
      sleep: (ms: number) => {
        slept.push(ms);
        return Promise.resolve();
      },
    },
    advance: (ms: number) => void (t += ms),
    slept,
  };
}

const attempt = (email: string, password: string, clock: ReturnType<typeof fakeClock>) =>
  passwordSignIn(db, { email, password }, clock.options);

async function refusal(promise: Promise<unknown>): Promise<SignInThrottledError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof SignInThrottledError)) throw new Error(`expected a throttle, got ${String(error)}`);
  return error;
}

describe("password sign-in throttling", () => {
  it("signs in with the right password and refuses a wrong one", async () => {
    const email = await userWithPassword();
    const clock = fakeClock();
    expect(await attempt(email, "wrong-password", clock)).toBeNull();
    expect(await attempt(email.toUpperCase(), PASSWORD, clock)).toMatchObject({ email });
  });

  it("refuses the 6th attempt after 5 failures, even with the right password", async () => {
    const email = await userWithPassword();
    const clock = fakeClock();
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await attempt(email, `wrong-${i}`, clock)).toBeNull();
      clock.advance(60_000);
    }
    const error = await refusal(attempt(email, PASSWORD, clock));
    // Locked until 15 minutes after the last failure, which was one minute ago.
    expect(error.retryAfterMinutes).toBe(14);
    expect(error.message).toBe("TooManyAttempts:14");
    // Slowed before the lock: growing pauses from the 2nd failure on.
    expect(clock.slept).toEqual([250, 500, 1000, 2000]);
    // Refused attempts are not counted and nothing about them names the e-mail.
    const rows = await db.signInAttempt.findMany({ where: { emailHash: signInKey(email) } });
    expect(rows).toHaveLength(MAX_FAILURES);
    expect(JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(
      email,
    );
  });

  it("lets no more than five guesses through, even when they arrive at once", async () => {
    const email = await userWithPassword();
    const clock = fakeClock();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        attempt(email, `guess-${i}`, clock).then(
          () => "checked",
          (e: unknown) => (e instanceof SignInThrottledError ? "throttled" : String(e)),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "checked")).toHaveLength(MAX_FAILURES);
    expect(outcomes.filter((o) => o === "throttled")).toHaveLength(20 - MAX_FAILURES);
    expect(await db.signInAttempt.count({ where: { emailHash: signInKey(email) } })).toBe(MAX_FAILURES);
    await refusal(attempt(email, PASSWORD, clock));
  });

  it("does not affect other e-mails", async () => {
    const locked = await userWithPassword();
    const other = await userWithPassword();
    const clock = fakeClock();
    for (let i = 0; i < MAX_FAILURES; i++) await attempt(locked, "wrong-password", clock);
    await refusal(attempt(locked, PASSWORD, clock));
    expect(await attempt(other, PASSWORD, clock)).toMatchObject({ email: other });
  });

  it("lets the e-mail in again once the window has passed", async () => {
    const email = await userWithPassword();
    const clock = fakeClock();
    for (let i = 0; i < MAX_FAILURES; i++) await attempt(email, "wrong-password", clock);
    clock.advance(WINDOW_MS - 1000);
    expect((await refusal(attempt(email, PASSWORD, clock))).retryAfterMinutes).toBe(1);
    clock.advance(1000);
    expect(await attempt(email, PASSWORD, clock)).toMatchObject({ email });
  });

  it("forgets failures older than the window and prunes them", async () => {
    const email = await userWithPassword();
    const clock = fakeClock();
    for (let i = 0; i < MAX_FAILURES - 1; i++) await attempt(email, "wrong-password", clock);
    clock.advance(WINDOW_MS + 1);
    // The old four no longer count: one more failure does not lock.
    expect(await attempt(email, "wrong-password", clock)).toBeNull();
    expect(await db.signInAttempt.count({ where: { emailHash: signInKey(email) } })).toBe(1);
    expect(await attempt(email, PASSWORD, clock)).toMatchObject({ email });
    expect(await db.signInAttempt.count({ where: { emailHash: signInKey(email) } })).toBe(0);
  });

  it("throttles an unknown e-mail exactly like a known one", async () => {
    const unknown = `nobody-${rand()}@test.warden`;
    const known = await userWithPassword();
    const clock = fakeClock();
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await attempt(unknown, "wrong-password", clock)).toBeNull();
      expect(await attempt(known, "wrong-password", clock)).toBeNull();
    }
    const [a, b] = [
      await refusal(attempt(unknown, "x-password", clock)),
      await refusal(attempt(known, "x-password", clock)),
    ];
    expect(a.message).toBe(b.message);
  });

  it("clears an e-mail's failures on success, so successes never lock anyone out", async () => {
    const email = await userWithPassword();
    const clock = fakeClock();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < MAX_FAILURES - 1; i++) await attempt(email, "wrong-password", clock);
      expect(await attempt(email, PASSWORD, clock)).toMatchObject({ email });
    }
    for (let i = 0; i < 20; i++) expect(await attempt(email, PASSWORD, clock)).toMatchObject({ email });
    expect(await db.signInAttempt.count({ where: { emailHash: signInKey(email) } })).toBe(0);
  });
});
