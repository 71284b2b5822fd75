"use client";

import { useId } from "react";
import { cx } from "./cx";
import { controlClass } from "./field";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type JsonParse =
  | { state: "empty"; value: null }
  | { state: "valid"; value: JsonObject }
  | { state: "invalid"; value: null; message: string };

/** Parses a textarea's text as a JSON object (a JSON Schema is always one). */
export function parseJsonObject(text: string): JsonParse {
  if (!text.trim()) return { state: "empty", value: null };
  try {
    // JSON.parse only ever yields JSON values, so the casts below are exact.
    const value = JSON.parse(text) as JsonValue;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return {
        state: "invalid",
        value: null,
        message: "A JSON Schema is an object: it starts with { and ends with }.",
      };
    }
    return { state: "valid", value };
  } catch (error) {
    const raw = error instanceof Error ? error.message : "Invalid JSON";
    return { state: "invalid", value: null, message: `Not valid JSON: ${raw.replace(/^JSON\.parse: /, "")}` };
  }
}

/** Pretty-prints a stored JSON value for editing. */
export function toEditableJson(value: unknown): string {
  if (value === null || value === undefined) return "";
  return JSON.stringify(value, null, 2);
}

/**
 * A labelled textarea for a JSON Schema, validated as you type. Server-side problems (the schema
 * does not compile) come in through `error`.
 */
export function JsonSchemaEditor({
  label,
  value,
  onChange,
  placeholder,
  hint,
  error,
  rows = 6,
  optional = true,
  disabled,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  placeholder?: string;
  hint?: React.ReactNode;
  error?: string | null;
  rows?: number;
  optional?: boolean;
  disabled?: boolean;
}) {
  const id = useId();
  const parsed = parseJsonObject(value);
  const problem = error ?? (parsed.state === "invalid" ? parsed.message : null);
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
          {optional && <span className="ml-1 font-normal text-slate-400">(optional)</span>}
        </label>
        <span
          className={cx(
            "text-xs",
            parsed.state === "valid"
              ? "text-emerald-600"
              : parsed.state === "invalid"
                ? "text-red-600"
                : "text-slate-400",
          )}
          aria-hidden
        >
          {parsed.state === "valid" ? "✓ Valid JSON" : parsed.state === "invalid" ? "Invalid JSON" : "Empty"}
        </span>
      </div>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        rows={rows}
        spellCheck={false}
        disabled={disabled}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={cx(
          controlClass,
          "font-mono text-xs leading-5",
          problem && "ring-red-400 focus:ring-red-500",
        )}
      />
      {problem ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600">
          {problem}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
