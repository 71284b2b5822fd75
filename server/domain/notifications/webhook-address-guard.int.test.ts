// The SSRF guard with WARDEN_ALLOW_PRIVATE_WEBHOOKS off (test/setup-env.ts turns it on for the other
// notification tests): saving a channel at a private address fails with a field error, and a
// delivery to one is refused before any request leaves, against a REAL local receiver.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { failureOf } from "@/server/api/routers/scopes-test-helpers";
import { callerAs, createTestOrg, type TestOrg } from "@/test/factories";
import { sendNotification, type OutgoingDelivery } from "./send-notification";
import { startReceiver, type Receiver } from "./test-receiver";
import { ALLOW_PRIVATE_WEBHOOKS_ENV, PRIVATE_RECEIVER_MESSAGE } from "./webhook-address-guard";

let org: TestOrg;
let receiver: Receiver;
const previous = process.env[ALLOW_PRIVATE_WEBHOOKS_ENV];
beforeAll(async () => {
  org = await createTestOrg();
  receiver = await startReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  delete process.env[ALLOW_PRIVATE_WEBHOOKS_ENV];
});
afterEach(() => {
  process.env[ALLOW_PRIVATE_WEBHOOKS_ENV] = previous;
});

const channelInput = (url: string) => ({
  kind: "WEBHOOK" as const,
  name: "#internal",
  url,
  events: ["approval.requested" as const],
  environmentId: null,
});

const delivery = (url: string): OutgoingDelivery => ({
  id: "ntf_test",
  event: "approval.requested",
  payload: { event: "test" } as unknown as OutgoingDelivery["payload"],
  channel: { kind: "WEBHOOK", url, signingSecret: null },
});

describe("webhook SSRF guard (private receivers not allowed)", () => {
  it("refuses to save a channel at a private, loopback or metadata address, as a URL field error", async () => {
    const admin = callerAs(org.admin, org.id);
    for (const url of [
      receiver.url,
      "http://169.254.169.254/latest/meta-data/",
      "http://localhost:8080/hook",
      "http://[::1]/hook",
      "https://10.1.2.3/hook",
      "http://0.0.0.0/hook",
    ]) {
      const failure = await failureOf(admin.notifications.create(channelInput(url)));
      expect(failure.code, url).toBe("BAD_REQUEST");
      expect(failure.issues).toEqual([{ path: "url", message: PRIVATE_RECEIVER_MESSAGE }]);
    }

    // An existing channel cannot be moved to a private address either.
    process.env[ALLOW_PRIVATE_WEBHOOKS_ENV] = "1";
    const { id } = await admin.notifications.create(channelInput(receiver.url));
    delete process.env[ALLOW_PRIVATE_WEBHOOKS_ENV];
    const moved = await failureOf(admin.notifications.update({ id, url: "http://192.168.1.10/hook" }));
    expect(moved.issues).toEqual([{ path: "url", message: PRIVATE_RECEIVER_MESSAGE }]);
  });

  it("refuses at delivery, before any request is sent, and delivers once allowed", async () => {
    for (const url of [receiver.url, "http://localhost:1/hook", "http://[::ffff:127.0.0.1]:1/hook"]) {
      const result = await sendNotification(delivery(url), { timeoutMs: 2_000, consoleUrl: null });
      expect(result).toEqual({ ok: false, error: PRIVATE_RECEIVER_MESSAGE });
    }
    expect(receiver.received).toHaveLength(0);

    process.env[ALLOW_PRIVATE_WEBHOOKS_ENV] = "1";
    const allowed = await sendNotification(delivery(receiver.url), { timeoutMs: 2_000, consoleUrl: null });
    expect(allowed).toEqual({ ok: true });
    expect(receiver.received).toHaveLength(1);
  });
});
