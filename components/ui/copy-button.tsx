"use client";

import { useEffect, useState } from "react";
import { Button } from "./button";

/** Copies `value` to the clipboard and says so for two seconds. */
export function CopyButton({
  value,
  label = "Copy",
  size = "sm",
  variant = "secondary",
  className,
}: {
  value: string;
  label?: string;
  size?: "sm" | "md";
  variant?: "primary" | "secondary" | "ghost";
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <Button variant={variant} size={size} onClick={() => void copy()} className={className}>
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed — select and copy" : label}
      <span className="sr-only" role="status">
        {state === "copied" ? "Copied to the clipboard" : ""}
      </span>
    </Button>
  );
}
