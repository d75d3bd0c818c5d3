import type Router from "@koa/router";
import type { MessageServiceDeps } from "../../features/handleMessage.ts";
import { refuseJobInstant } from "../../jobs/instant.ts";
import { isJobName } from "../../jobs/registry.ts";
import { runJob } from "../../jobs/runner.ts";
import { requireAdminToken, type AdminTokenHash } from "../auth.ts";
import { jobRequest } from "../apiSchemas.ts";
import { readJsonBody } from "../body.ts";
import { HttpError } from "../errors.ts";
import { createRouter } from "../router.ts";

/**
 * A job run on demand in the server's process (the console, an operator's script): under the job's lock like
 * every run (jobs/runner.ts), recorded as a manual run.
 */
export function jobRoutes(deps: MessageServiceDeps, adminToken: AdminTokenHash, bodyLimit: number): Router {
  const router = createRouter("/api/jobs");
  router.post("/:name", requireAdminToken(adminToken), async (ctx) => {
    const name = ctx.params.name ?? "";
    if (!isJobName(name)) throw new HttpError(404, "not_found", `no job ${name}`);
    const { at, force } = await readJsonBody(ctx, bodyLimit, jobRequest);
    const now = at ? new Date(at) : deps.clock();
    const refusal = at ? await refuseJobInstant(deps.db, now, deps.clock(), force === true) : null;
    if (refusal) throw new HttpError(400, "instant_refused", refusal);
    const result = await runJob(deps, name, now);
    deps.onOutboxChanged?.();
    ctx.body = { job: name, at: now.toISOString(), result };
  });
  return router;
}
