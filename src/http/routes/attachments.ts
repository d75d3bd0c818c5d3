import type Router from "@koa/router";
import type { Context } from "koa";
import { attachmentContent } from "../../features/attachments/content.ts";
import { checkAttachmentLink } from "../../features/attachments/links.ts";
import type { MediaDeps } from "../../features/attachments/receive.ts";
import type { Database } from "../../store/database.ts";
import { positiveIdParam } from "../apiSchemas.ts";
import { requireAdminToken, type AdminTokenHash } from "../auth.ts";
import { HttpError } from "../errors.ts";
import { createRouter } from "../router.ts";

function attachmentId(raw: string | undefined): number {
  const parsed = positiveIdParam.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, "invalid_number", "attachment id must be a positive integer");
  return parsed.data;
}

async function serve(ctx: Context, db: Database, media: MediaDeps, id: number, cache: string): Promise<void> {
  const content = await attachmentContent(db, media.store, id);
  if (!content) throw new HttpError(404, "not_found", `no attachment ${id}`);
  ctx.type = content.mime;
  ctx.set("Cache-Control", cache);
  // The type was checked from the bytes when they arrived; a browser must not guess another.
  ctx.set("X-Content-Type-Options", "nosniff");
  ctx.set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
  ctx.body = Buffer.from(content.bytes);
}

/**
 * Photos: their bytes for the admin token (`/api/attachments/:id`), and through signed, expiring links
 * (`/attachments/:id?expires&sig`) for the people a chat post shows them to.
 */
export function attachmentRoutes(db: Database, media: MediaDeps, adminToken: AdminTokenHash, clock: () => Date): Router {
  const router = createRouter();
  const admin = requireAdminToken(adminToken);

  router.get("/api/attachments/:id", admin, async (ctx) => {
    await serve(ctx, db, media, attachmentId(ctx.params.id), "private, max-age=3600");
  });

  router.get("/attachments/:id", async (ctx) => {
    const id = attachmentId(ctx.params.id);
    const query = ctx.query as Record<string, string | undefined>;
    const check = checkAttachmentLink(media.links.secret, id, query.expires, query.sig, clock());
    if (check === "expired") throw new HttpError(410, "link_expired", "链接已过期，请在群里重新获取");
    if (check === "invalid") throw new HttpError(403, "bad_signature", "链接无效");
    await serve(ctx, db, media, id, "private, max-age=600");
  });

  return router;
}
