"use client";

import { useEffect, useRef } from "react";

export type InboxShortcuts = {
  next: () => void;
  previous: () => void;
  approve: () => void;
  deny: () => void;
};

/** True when a key press belongs to a text field (or a dialog), not to the inbox. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest("dialog[open]")) return true;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** j / k move through the inbox, a approves, d denies; never while typing in a field. */
export function useInboxShortcuts(shortcuts: InboxShortcuts, enabled: boolean) {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTyping(event.target)) return;
      const action = { j: "next", k: "previous", a: "approve", d: "deny" }[event.key];
      if (!action) return;
      event.preventDefault();
      latest.current[action as keyof InboxShortcuts]();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
