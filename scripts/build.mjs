/**
 * Bundles src/main.ts into dist/main.js, so that `npm start` runs plain JavaScript without tsx, and builds the
 * staff console (console/) into dist/console with Vite when a file under console/ is newer than it.
 *
 *   node scripts/build.mjs             # build (postinstall and `npm run build`)
 *   node scripts/build.mjs --if-stale  # build only when a file under src/ is newer than the bundle (prestart)
 *
 * Our source (including the generated Prisma client in src/store/generated) and the pure-JavaScript
 * packages go into one file: resolving and loading a few hundred small modules one by one was the larger
 * part of the start-up time. Kept external, loaded from node_modules as usual: better-sqlite3 (native),
 * Prisma (loads its runtime and WebAssembly files by path; its CLI runs the migrations), and pino and
 * node-cron (they start worker threads or processes from files beside their own).
 *
 * Plain JavaScript on purpose: `npm start` must not need tsx, and the staleness check must not even need
 * esbuild, which a production install (--omit=dev) does not have.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "dist", "main.js");
const sourceDir = path.join(root, "src");
const ifStale = process.argv.includes("--if-stale");

/** The newest modification time of any file below `dir`. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const consoleDir = path.join(root, "console");
const consolePage = path.join(root, "dist", "console", "index.html");
const serverStale = !(ifStale && existsSync(outfile) && statSync(outfile).mtimeMs >= newestMtime(sourceDir));
// The console takes Vite most of a minute: it is rebuilt only when a file under console/ is newer than it.
const consoleStale = !(existsSync(consolePage) && statSync(consolePage).mtimeMs >= newestMtime(consoleDir));

/**
 * The staff console (console/, Vue 3 + Element Plus + ECharts) built by Vite into dist/console, served by
 * Koa under /console. Without Vite (a production install) the built page is kept; without it, /console
 * says how to build it.
 */
async function buildConsole() {
  let vite;
  try {
    vite = await import("vite");
  } catch {
    console.warn(
      existsSync(consolePage) ? "vite is not installed: keeping the existing dist/console" : "vite is not installed: the console (/console) is not built",
    );
    return;
  }
  const started = performance.now();
  await vite.build({ configFile: path.join(consoleDir, "vite.config.mjs") });
  console.log(`built dist/console in ${Math.round(performance.now() - started)} ms`);
}

if (consoleStale) await buildConsole();
if (!serverStale) process.exit(0);

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  if (existsSync(outfile)) {
    console.warn("esbuild is not installed (a production install?): keeping the existing dist/main.js");
    process.exit(0);
  }
  console.error("dist/main.js is missing and esbuild is not installed: run `npm install` (with dev dependencies), then `npm run build`");
  // A production install (--omit=dev) runs postinstall too; it must not fail there, only the start must.
  process.exit(ifStale ? 1 : 0);
}

/**
 * Each module keeps the import.meta.url it has when run from source (src/http/routes/sandbox.ts reads
 * ../sandboxPage.html beside it, src/store/migrate.ts finds prisma/migrations from it, the generated
 * client sets __dirname from it), computed relative to the bundle so that the tree can move as a whole.
 */
const sourceLocation = {
  name: "source-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const contents = readFileSync(args.path, "utf8");
      if (!contents.includes("import.meta.url")) return { contents, loader: "ts" };
      const relative = path.relative(path.dirname(outfile), args.path).split(path.sep).join("/");
      return { contents: contents.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: "ts" };
    });
  },
};

const started = performance.now();
await esbuild.build({
  entryPoints: [path.join(sourceDir, "main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.19",
  external: ["better-sqlite3", "@prisma/*", "prisma", "pino", "node-cron", "exceljs"],
  // Bundled CommonJS packages require Node's built-in modules; an ES module has no `require` of its own.
  banner: { js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);' },
  sourcemap: "linked",
  // Class names show in logs (err.type) and error checks; keep them as written.
  keepNames: true,
  charset: "utf8",
  logLevel: "warning",
  plugins: [sourceLocation],
});
console.log(`built dist/main.js in ${Math.round(performance.now() - started)} ms`);
