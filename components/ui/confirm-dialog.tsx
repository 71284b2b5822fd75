"use client";

import { useState } from "react";
import { Button } from "./button";
import { Dialog, DialogActions } from "./dialog";
import { Field } from "./field";
import { ErrorNotice } from "./states";

/**
 * A confirmation for consequential actions. Optionally asks for a reason (recorded in the audit
 * trail) and for the target's name to be typed, for irreversible ones.
 */
export function ConfirmDialog({
  open,
  onClose,
  title,
  description,
  children,
  confirmLabel,
  tone = "danger",
  reason,
  typeToConfirm,
  busy,
  error,
  onConfirm,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  children?: React.ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  /** Ask for a reason; `required` blocks confirmation while it is empty. */
  reason?: { label: string; placeholder?: string; required?: boolean; hint?: string };
  /** The exact text the user must type (an agent's name). */
  typeToConfirm?: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: (input: { reason: string; typed: string }) => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      {open && (
        <ConfirmBody
          onClose={onClose}
          confirmLabel={confirmLabel}
          tone={tone}
          reason={reason}
          typeToConfirm={typeToConfirm}
          busy={busy}
          error={error}
          onConfirm={onConfirm}
        >
          {children}
        </ConfirmBody>
      )}
    </Dialog>
  );
}

// Mounted only while open, so that typed text is cleared between openings.
function ConfirmBody({
  onClose,
  confirmLabel,
  tone,
  reason,
  typeToConfirm,
  busy,
  error,
  onConfirm,
  children,
}: {
  onClose: () => void;
  confirmLabel: string;
  tone: "danger" | "primary";
  reason?: { label: string; placeholder?: string; required?: boolean; hint?: string };
  typeToConfirm?: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: (input: { reason: string; typed: string }) => void;
  children?: React.ReactNode;
}) {
  const [reasonText, setReasonText] = useState("");
  const [typed, setTyped] = useState("");
  const blocked =
    (reason?.required && !reasonText.trim()) || (typeToConfirm !== undefined && typed !== typeToConfirm);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!blocked) onConfirm({ reason: reasonText.trim(), typed });
      }}
      className="space-y-4"
    >
      {children}
      {error && <ErrorNotice title="That did not work" message={error} />}
      {reason && (
        <Field label={reason.label} hint={reason.hint}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              value={reasonText}
              maxLength={500}
              placeholder={reason.placeholder}
              required={reason.required}
              onChange={(e) => setReasonText(e.target.value)}
              autoFocus
            />
          )}
        </Field>
      )}
      {typeToConfirm !== undefined && (
        <Field label={`Type the agent's name to confirm`} hint={`Type ${typeToConfirm} exactly.`}>
          {(p) => (
            <input
              {...p}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              className={`${p.className} font-mono`}
              placeholder={typeToConfirm}
            />
          )}
        </Field>
      )}
      <DialogActions>
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant={tone === "danger" ? "danger" : "primary"}
          busy={busy}
          disabled={blocked}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </form>
  );
}
