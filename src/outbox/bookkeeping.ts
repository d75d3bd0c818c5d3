import type { Logger } from "../logger.ts";
import { inTransaction, type Database, type Tx } from "../store/database.ts";
import { markSent, type Claim } from "../store/outbox.ts";

/**
 * Writes what became of a send in a write transaction of its own: the store waits for another process's
 * write with its bounded backoff (store/database.ts) instead of failing at the first SQLITE_BUSY. Resolves
 * false, having logged why, when it still could not be written; it never throws, so a pass goes on.
 */
export async function record(db: Database, logger: Logger, what: string, write: (tx: Tx) => Promise<unknown>): Promise<boolean> {
  try {
    await inTransaction(db, write);
    return true;
  } catch (error) {
    logger.warn({ err: error, what }, "outbox bookkeeping not written; will try again");
    return false;
  }
}

/**
 * Posts delivered whose delivery could not be written yet (the database stayed busy). The worker never
 * claims them again: it writes them down at the start of each pass until that succeeds. Held in memory, so
 * this covers the bookkeeping of a live process; a process that dies meanwhile leaves a claim that expires
 * and is sent again, the one double the outbox allows.
 */
export class UnrecordedSends {
  private readonly sent = new Map<number, { claim: Claim; at: Date }>();

  remember(claim: Claim, at: Date): void {
    this.sent.set(claim.id, { claim, at });
  }

  /** The posts not to claim again. */
  ids(): number[] {
    return [...this.sent.keys()];
  }

  /** Writes down what it can; what still cannot be written stays for the next pass. */
  async flush(db: Database, logger: Logger): Promise<void> {
    for (const [postId, { claim, at }] of [...this.sent]) {
      if (await record(db, logger.child({ postId }), "mark sent", (tx) => markSent(tx, claim, at))) this.sent.delete(postId);
    }
  }
}
