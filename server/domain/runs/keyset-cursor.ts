// Keyset cursors for lists ordered by (time, id): an opaque string that names the last row seen,
// so the next page starts right after it however many rows arrive meanwhile (no OFFSET scans).
import { AppError } from "../errors";

export type KeysetPosition = { at: Date; id: string };

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id]), "utf8").toString("base64url");
}

/** Throws INVALID_REQUEST for a cursor this code did not make. */
export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2) {
      const [at, id] = value as unknown[];
      const date = typeof at === "string" ? new Date(at) : null;
      if (date && !Number.isNaN(date.getTime()) && typeof id === "string" && id.length <= 100) {
        return { at: date, id };
      }
    }
  } catch {
    // fall through to the one error below
  }
  throw new AppError("INVALID_REQUEST", "The page cursor is not valid. Reload the list and try again.");
}
