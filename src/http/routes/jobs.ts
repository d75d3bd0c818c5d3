import type Router from "@koa/router";
import type { MessageServiceDeps } from "../../features/handleMessage.ts";
import { refuseJobInstant } from "../../jobs/instant.ts";
import { isJobName } from "../../jobs/registry.ts";
import { runJob } from "../../jobs/runner.ts";
import { requireAdminToken } from "../auth.ts";
import { jobRequest } from "../apiSchemas.ts";
import { readJsonBody } from "../body.ts";
import { HttpError } from "../errors.ts";
import { createRouter } from "../router.ts";

/**
 * `npm run job` beside a running server hands the job here: it runs in the server's process, on the
 * server's connection, one run of a job at a time, so it never contends with messages for the file.
 */
export function jobRoutes(deps: MessageServiceDeps, adminToken: string, bodyLimit: number): Router {
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
