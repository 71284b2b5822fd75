import { createHmac } from "node:crypto";
import { canonicalJson, type JsonValue } from "../canonical-json";
import type { PathSegment } from "./json-path";

export type RedactionModeName = "REDACT" | "FINGERPRINT";
export type CompiledPathRule = { segments: readonly PathSegment[]; mode: RedactionModeName };

export const REDACTED = "[redacted]";

/**
 * The value stored in place of a secret. A fingerprint is an HMAC with the org's own key, so
 * equal secrets can be matched across records without the secret (or a guessable plain hash of
 * a short one) ever being stored. Without the key there is no fingerprint: redact (fail closed).
 */
export function replacementFor(value: JsonValue, mode: RedactionModeName, key: Buffer | null): JsonValue {
  if (mode === "FINGERPRINT" && key) {
    return `hmac-sha256:${createHmac("sha256", key).update(canonicalJson(value)).digest("hex")}`;
  }
  return REDACTED;
}

type Replace = (value: JsonValue) => JsonValue;

// Copy-on-write: only the objects and arrays along a matched path are copied; a payload that no
// rule touches is returned as the very same object.
function applyAt(node: JsonValue, segments: readonly PathSegment[], i: number, replace: Replace): JsonValue {
  if (i === segments.length) return replace(node);
  if (node === null || typeof node !== "object") return node;
  const segment = segments[i]!;
  if (Array.isArray(node)) {
    let out: JsonValue[] | null = null;
    const visit = (index: number, next: number) => {
      const before = node[index]!;
      const after = applyAt(before, segments, next, replace);
      if (after !== before) {
        out ??= node.slice();
        out[index] = after;
      }
    };
    if (segment.kind === "any") for (let k = 0; k < node.length; k++) visit(k, i + 1);
    else if (segment.kind === "index" && segment.index < node.length) visit(segment.index, i + 1);
    else if (segment.kind === "descend") for (let k = 0; k < node.length; k++) visit(k, i);
    return out ?? node;
  }
  let out: { [key: string]: JsonValue } | null = null;
  const visit = (key: string, apply: (value: JsonValue) => JsonValue) => {
    const before = (out ?? node)[key]!;
    const after = apply(before);
    if (after !== before) {
      out ??= { ...node };
      out[key] = after;
    }
  };
  if (segment.kind === "key") {
    if (Object.hasOwn(node, segment.name)) visit(segment.name, (v) => applyAt(v, segments, i + 1, replace));
  } else if (segment.kind === "any") {
    for (const key of Object.keys(node)) visit(key, (v) => applyAt(v, segments, i + 1, replace));
  } else if (segment.kind === "descend") {
    for (const key of Object.keys(node)) {
      visit(key, (v) => {
        const matched = key === segment.name ? applyAt(v, segments, i + 1, replace) : v;
        return applyAt(matched, segments, i, replace);
      });
    }
  }
  return out ?? node;
}

/**
 * The payload as it may be stored: every rule's paths replaced. Fingerprints apply before
 * redactions, so where both match the same value, the redaction (which keeps less) wins.
 */
export function applyRedaction(
  payload: JsonValue,
  rules: readonly CompiledPathRule[],
  key: Buffer | null,
): JsonValue {
  if (rules.length === 0) return payload;
  let out = payload;
  for (const mode of ["FINGERPRINT", "REDACT"] as const) {
    for (const rule of rules) {
      if (rule.mode !== mode) continue;
      out = applyAt(out, rule.segments, 0, (value) => replacementFor(value, mode, key));
    }
  }
  return out;
}
