"use client";

import { useSyncExternalStore } from "react";
import { cx } from "./cx";

type Toast = { id: number; tone: "success" | "error" | "info"; message: string };

// A tiny module-level store, so that a toast raised just before a navigation survives it and is
// shown by whichever page's <Toaster /> is mounted next.
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

function dismiss(id: number) {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function toast(message: string, tone: Toast["tone"] = "success") {
  const id = nextId++;
  toasts = [...toasts, { id, tone, message }].slice(-4);
  emit();
  setTimeout(() => dismiss(id), tone === "error" ? 8000 : 4000);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const EMPTY: Toast[] = [];

/** Renders pending toasts in the bottom-right corner (polite live region). */
export function Toaster() {
  const items = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => EMPTY,
  );
  return (
    <div
      aria-live="polite"
      role="status"
      className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-80 flex-col gap-2"
    >
      {items.map((t) => (
        <div
          key={t.id}
          className={cx(
            "pointer-events-auto flex items-start gap-3 rounded-lg bg-white px-4 py-3 text-sm shadow-lg ring-1",
            t.tone === "error" ? "ring-red-200" : "ring-slate-200",
          )}
        >
          <span
            aria-hidden
            className={cx(
              "mt-1.5 size-2 shrink-0 rounded-full",
              t.tone === "success" ? "bg-emerald-500" : t.tone === "error" ? "bg-red-500" : "bg-brand-500",
            )}
          />
          <p className="min-w-0 flex-1 break-words text-slate-800">{t.message}</p>
          <button
            type="button"
            onClick={() => dismiss(t.id)}
            className="shrink-0 text-xs text-slate-400 hover:text-slate-700"
            aria-label="Dismiss notification"
          >
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
