import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Router from "@koa/router";
import { createRouter } from "../router.ts";

/** Where Vite puts the console (scripts/build.mjs builds it on npm install). */
export const CONSOLE_DIST = fileURLToPath(new URL("../../../dist/console/", import.meta.url));

const TYPES: Record<string, string> = {
  ".js": "application/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".png": "image/png",
};
const NOT_BUILT = "<!doctype html><meta charset=utf-8><title>工作台</title><p>工作台页面尚未构建：请先运行 <code>npm run build</code>。</p>";

/** The console's page and its built files, read once each. */
export function consoleStaticRoutes(distDir = CONSOLE_DIST): Router {
  const router = createRouter();
  const cache = new Map<string, Buffer | null>();
  const read = (name: string) => {
    if (!cache.has(name)) {
      try {
        cache.set(name, readFileSync(path.join(distDir, name)));
      } catch {
        cache.set(name, null);
      }
    }
    return cache.get(name) ?? null;
  };

  router.get("/console", (ctx) => ctx.redirect("/console/"));
  router.get("/console/", (ctx) => {
    const page = read("index.html");
    ctx.type = "html";
    ctx.set("Cache-Control", "no-cache");
    ctx.set("Referrer-Policy", "no-referrer");
    ctx.set("X-Frame-Options", "DENY");
    if (!page) ctx.status = 503;
    ctx.body = page ?? NOT_BUILT;
  });
  // Vite names files by their content hash: safe to cache for good.
  router.get("/console/assets/:file", (ctx) => {
    const file = ctx.params.file!;
    if (!/^[\w.-]+$/.test(file)) return;
    const bytes = read(path.join("assets", file));
    if (!bytes) return;
    ctx.type = TYPES[path.extname(file)] ?? "application/octet-stream";
    ctx.set("Cache-Control", "public, max-age=31536000, immutable");
    ctx.body = bytes;
  });
  return router;
}
