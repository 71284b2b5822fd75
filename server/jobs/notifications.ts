// Delivers "approval.requested" / "approval.decided" to the org's Slack and webhook channels,
// entirely off the decision path: the decide and vote transactions only NOTIFY on
// `warden_approval` (which they do anyway for long-polling runtimes). This job LISTENs there to
// react within milliseconds, and polls every POLL_INTERVAL_MS as well, so a lost notification
// only delays a message. Safe on every instance at once (outbox unique key + SKIP LOCKED claims).
import { APPROVAL_CHANNEL } from "../domain/approvals/notify-approval-changed";
import { NotificationWorker } from "../domain/notifications/notification-worker";
import { ChannelListener } from "../runtime/pg-channel-listener";
import type { JobStarter } from "./index";

const POLL_INTERVAL_MS = Number(process.env.WARDEN_NOTIFY_INTERVAL_MS ?? 2_000);
/** After a NOTIFY, wait this long to batch the approvals that arrive together. */
const DEBOUNCE_MS = 50;

export const startNotificationsJob: JobStarter = ({ pool, databaseUrl }) => {
  const worker = new NotificationWorker(pool, {
    timeoutMs: Number(process.env.WARDEN_NOTIFY_TIMEOUT_MS ?? 5_000),
    consoleUrl: process.env.NEXTAUTH_URL ?? null,
  });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  const run = () => {
    if (stopped) return;
    if (running) {
      again = true; // Woken while busy: go round once more as soon as this round ends.
      return;
    }
    if (timer) clearTimeout(timer);
    running = worker
      .runOnce()
      .catch((error: unknown) => console.error("[notifications] round failed; retrying:", error))
      .finally(() => {
        running = null;
        if (stopped) return;
        const delay = again ? 0 : POLL_INTERVAL_MS;
        again = false;
        timer = setTimeout(run, delay);
      });
  };

  const listener = new ChannelListener(
    databaseUrl,
    APPROVAL_CHANNEL,
    {
      onNotification: () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(run, DEBOUNCE_MS);
      },
    },
    { initialMs: 200, maxMs: 10_000 },
  );
  listener.start();
  run();

  return {
    name: "notifications",
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await listener.close();
      await running;
    },
  };
};
