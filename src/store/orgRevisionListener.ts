import pg from "pg";
import { postgresClientConfig } from "./postgresConfig.ts";

/** The channel the baseline migration's org_revision_bump trigger notifies on commit. */
const CHANNEL = "org_revision";
/** A lost listener is opened again at most this often (meanwhile the directory reads the revision row). */
const RECONNECT_AFTER_MS = 1_000;

/**
 * PostgreSQL: one connection per process LISTENing for the organisation's revision, so the directory asks
 * the database only when another statement changed units, groups, members or memberships (any instance's,
 * delivered on commit, a few milliseconds later), instead of reading the revision row every few
 * milliseconds on the message path. `signal` is called for every notification, and once each time the
 * listener starts listening (whatever changed while it was not is read then). While it is not listening
 * (starting, lost, reconnecting) `listening` is false and the directory reads the row by time, as before.
 */
export class OrgRevisionListener {
  private client: pg.Client | undefined;
  private starting: Promise<void> | undefined;
  private lastAttempt = -Infinity;
  private closed = false;
  private readonly signals = new Set<() => void>();

  constructor(private readonly databaseUrl: string) {}

  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Calls `signal` on every notification; starts listening if not yet (or again, after a loss). */
  subscribe(signal: () => void): void {
    this.signals.add(signal);
    this.ensureListening();
  }

  /** Starts (or restarts) the connection unless it is up, starting, closed, or was tried within the last second. */
  ensureListening(now = Date.now()): void {
    if (this.client || this.starting || this.closed || now - this.lastAttempt < RECONNECT_AFTER_MS) return;
    this.lastAttempt = now;
    this.starting = this.listen().finally(() => (this.starting = undefined));
  }

  private async listen(): Promise<void> {
    const client = new pg.Client(postgresClientConfig(this.databaseUrl));
    const lost = () => {
      if (this.client === client) this.client = undefined;
      this.notify();
      client.end().catch(() => undefined);
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", () => this.notify());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch {
      lost();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.notify();
  }

  private notify(): void {
    for (const signal of this.signals) signal();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
