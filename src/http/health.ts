import type Router from "@koa/router";
import type Koa from "koa";
import { appliedMigrationNames, migrationNamesOf } from "../store/migrate.ts";
import type { Database } from "../store/database.ts";
import { createRouter } from "./router.ts";

/** A long connection the process receives messages through (src/platforms/adapter.ts, Connection). */
export interface WatchedConnection {
  name: string;
  downReason(): string | undefined;
}

/** Whether the process should be sent traffic; shutdown turns it off first. */
export class Readiness {
  draining = false;
  /** Started long connections: while one is down, no message can reach the bot through it. */
  connections: WatchedConnection[] = [];
  /**
   * With several instances, whether this one holds the long connections (app.ts, holdConnectionsWhenElected).
   * One that does not is still ready: it serves callbacks and HTTP.
   */
  longConnections: { readonly holds: boolean } | undefined;
}

const readinessByApp = new WeakMap<Koa, Readiness>();

/**
 * The readiness of the Koa app built by createHttpApp: shutdown (src/shutdown.ts) reaches it through the
 * app it drains, so nothing between main.ts and the routes has to carry it.
 */
export function readinessOf(app: Koa): Readiness {
  let readiness = readinessByApp.get(app);
  if (!readiness) readinessByApp.set(app, (readiness = new Readiness()));
  return readiness;
}

/** What keeps the process from taking traffic, or undefined when it is ready. */
export async function notReadyBecause(db: Database, readiness: Readiness): Promise<string | undefined> {
  if (readiness.draining) return "shutting down";
  const down = readiness.connections.flatMap((connection) => {
    const reason = connection.downReason();
    return reason ? [`${connection.name}: ${reason}`] : [];
  });
  if (down.length) return down.join("; ");
  let done: Set<string>;
  try {
    done = await appliedMigrationNames(db);
  } catch {
    return "database unreachable";
  }
  const pending = migrationNamesOf(db).filter((name) => !done.has(name));
  return pending.length ? `migrations not applied: ${pending.join(", ")}` : undefined;
}

/**
 * GET /healthz: the process is alive and its event loop answers; cheap, touches nothing (a liveness probe
 * restarts the process when it fails, which a slow database would not cure).
 * GET /readyz: ready for traffic: the database answers, every migration is applied, every long connection
 * is up, and no shutdown has begun; 503 otherwise, with the reason. Where long connections are elected
 * among instances, `longConnections` says whether this one holds them ("held") or not ("standby").
 */
export function healthRoutes(db: Database, readiness: Readiness, home: string): Router {
  const router = createRouter();
  router.get("/healthz", (ctx) => {
    ctx.body = { status: "ok" };
  });
  router.get("/readyz", async (ctx) => {
    const reason = await notReadyBecause(db, readiness);
    ctx.status = reason ? 503 : 200;
    ctx.body = {
      ...(reason ? { status: "unavailable", reason } : { status: "ready" }),
      // "held": this instance holds the platforms' long connections; "standby": another instance does.
      ...(readiness.longConnections ? { longConnections: readiness.longConnections.holds ? "held" : "standby" } : {}),
    };
  });
  router.get("/", (ctx) => {
    ctx.redirect(home);
  });
  return router;
}
