import { GENESIS_HASH } from "./hash-chain";

// Verification of one hash chain, whatever its rows are: each row must carry the next sequence
// number, link to its predecessor's hash, and hash to what it says; the chain must end where its
// head says. The first row that does not is the first broken record.

export type ChainedRow = {
  id: string;
  seq: bigint;
  prevHash: string;
  hash: string;
  /** The hash of the row's content as stored, over its own prevHash: what `hash` must equal. */
  computeHash: () => string;
};

/**
 * A chain's rows in sequence order, read a page at a time (keyset on seq, after `after`); the
 * next page is already being read while this one is checked.
 */
export async function* rowsBySeq<R extends { seq: bigint }>(
  readPage: (after: bigint, take: number) => Promise<R[]>,
  options: { after: bigint; pageSize: number },
): AsyncGenerator<R> {
  let next = readPage(options.after, options.pageSize);
  for (;;) {
    const page = await next;
    const full = page.length === options.pageSize;
    if (full) {
      next = readPage(page[page.length - 1]!.seq, options.pageSize);
      // Awaited (and so reported) on the next turn; a chain found broken earlier never asks.
      next.catch(() => undefined);
    }
    yield* page;
    if (!full) return;
  }
}

export type ChainBreak = {
  chainKey: string;
  /** The first record that does not verify; null when the chain's end is what is wrong. */
  recordId: string | null;
  seq: bigint | null;
  problem: string;
};

export type ChainReport = { chainKey: string; records: number; firstBreak: ChainBreak | null };

export async function verifyHashChain(
  chainKey: string,
  rows: AsyncIterable<ChainedRow>,
  head: { seq: bigint; hash: string } | null,
): Promise<ChainReport> {
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let records = 0;
  const broken = (row: ChainedRow | null, problem: string): ChainReport => ({
    chainKey,
    records,
    firstBreak: { chainKey, recordId: row?.id ?? null, seq: row?.seq ?? null, problem },
  });
  for await (const row of rows) {
    if (row.seq !== expectedSeq) {
      return broken(
        row,
        row.seq > expectedSeq
          ? `record ${expectedSeq}${row.seq - expectedSeq > 1n ? `–${row.seq - 1n}` : ""} before it is missing (deleted)`
          : `its sequence number ${row.seq} repeats or goes backwards (expected ${expectedSeq})`,
      );
    }
    if (row.prevHash !== prevHash) {
      return broken(
        row,
        "it does not link to the record before it (a record was removed, inserted or reordered)",
      );
    }
    if (row.computeHash() !== row.hash) {
      return broken(row, "its content does not match its hash (it was changed after it was written)");
    }
    prevHash = row.hash;
    expectedSeq++;
    records++;
  }
  const lastSeq = expectedSeq - 1n;
  if (head && (head.seq !== lastSeq || head.hash !== prevHash)) {
    return broken(
      null,
      head.seq > lastSeq
        ? `the chain ends at record ${lastSeq} but its head says ${head.seq} (records were removed from the end)`
        : `the chain's last record (${lastSeq}) does not match its head (${head.seq}): records were added or changed at the end`,
    );
  }
  return { chainKey, records, firstBreak: null };
}
