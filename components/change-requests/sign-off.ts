import { toast } from "@/components/ui/toast";

/** What a scope-changing mutation answers when the change waits for security instead of applying. */
export type MaybeSignOff = { signOff?: { message: string; summary: string } | null };

/**
 * Tell the user plainly what happened: applied (`applied`), or sent to security for sign-off.
 * Returns true when the change is waiting.
 */
export function announceScopeChange(result: MaybeSignOff, applied: string): boolean {
  if (result.signOff) {
    toast(result.signOff.message, "info");
    return true;
  }
  toast(applied);
  return false;
}
