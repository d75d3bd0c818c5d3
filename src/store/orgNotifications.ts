import pg from "pg";
import type { Logger } from "../logger.ts";
import { postgresClientConfig } from "./postgresConfig.ts";

/** The channel the organisation's triggers notify on (PostgreSQL migrations: org_revision). */
const CHANNEL = "org_revision";
const RECONNECT_MS = 1_000;

export interface OrgListener {
  stop(): Promise<void>;
}

/**
 * PostgreSQL only: LISTENs on a dedicated connection (not the pool's: LISTEN belongs to one session) for the
 * organisation's change notifications, sent by the triggers that bump `OrgRevision` on commit, and calls
 * `onChange` for each — the directory's `invalidate()`, so a change made through another instance is seen
 * at the next lookup, within milliseconds. A connection that fails is opened again after a second, and
 * `onChange` is called once it is (notifications sent meanwhile are lost); the directory's revision check
 * stays as the fallback.
 */
export function listenForOrgChanges(databaseUrl: string, onChange: () => void, logger: Logger): OrgListener {
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let ready: Promise<void> = Promise.resolve();

  const connect = async (): Promise<void> => {
    const next = new pg.Client(postgresClientConfig(databaseUrl));
    client = next;
    next.on("notification", (message) => {
      if (message.channel === CHANNEL) onChange();
    });
    next.on("error", (error) => {
      logger.warn({ err: error }, "organisation change listener lost its connection; reconnecting");
      retry(next);
    });
    next.on("end", () => retry(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      onChange();
    } catch (error) {
      logger.warn({ err: error }, "organisation change listener could not connect; trying again");
      retry(next);
    }
  };

  const retry = (failed: pg.Client) => {
    if (stopped || client !== failed || timer) return;
    client = undefined;
    void failed.end().catch(() => undefined);
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped) ready = connect();
    }, RECONNECT_MS);
    timer.unref();
  };

  ready = connect();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await ready;
      await client?.end().catch(() => undefined);
    },
  };
}
