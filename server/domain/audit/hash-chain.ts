import { hash } from "node:crypto";
import { canonicalJson } from "../canonical-json";

// Decisions and control-plane events are hash-chained: each row carries the hash of its
// predecessor in its chain, so an edit, deletion, reorder or insertion breaks every hash after it.

/** The predecessor of the first row of every chain. */
export const GENESIS_HASH = "0".repeat(64);

export function sha256Hex(data: string): string {
  // The one-shot form: every decision hashes several times, and a Hash object per call costs more.
  return hash("sha256", data, "hex");
}

/** The hash of a chained row: SHA-256 over the predecessor's hash and the row's canonical content. */
export function chainHash(prevHash: string, content: unknown): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(content)}`);
}

export const auditChainKey = (orgId: string) => `audit:${orgId}`;
