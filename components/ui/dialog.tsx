"use client";

import { useEffect, useRef } from "react";

/** A modal dialog on the native <dialog> element (focus trap and Escape come with it). */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  size = "md",
}: {
  open: boolean;
  size?: "md" | "lg";
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  children?: React.ReactNode;
  footer?: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label={title}
      className={`m-auto w-full ${size === "lg" ? "max-w-2xl" : "max-w-lg"} rounded-lg bg-white p-0 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40`}
    >
      {open && (
        <div>
          <div className="px-6 pt-5">
            <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
            {description && <div className="mt-1 text-sm text-slate-600">{description}</div>}
          </div>
          <div className="px-6 py-4">{children}</div>
          {footer && (
            <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3">
              {footer}
            </div>
          )}
        </div>
      )}
    </dialog>
  );
}

/** The button row at the foot of a dialog's form, flush with the dialog's edges. */
export function DialogActions({ children }: { children: React.ReactNode }) {
  return (
    <div className="-mx-6 -mb-4 flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3">
      {children}
    </div>
  );
}
