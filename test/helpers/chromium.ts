import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

/**
 * Debian's chromium for the console's browser tests: the path, the flags these machines need, the two sizes
 * every page is tried at, and where screenshots go (test-results/console/, kept by CI). `.ci/run` installs
 * chromium; elsewhere without it a browser test file is skipped, saying so, and in CI it fails.
 */
export const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const SHOTS = path.resolve(import.meta.dirname, "../../test-results/console");
const CONSOLE_PAGE = path.resolve(import.meta.dirname, "../../dist/console/index.html");
export const SIZES = [
  { name: "desk", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

export const chromiumAvailable = existsSync(CHROMIUM);
if (!chromiumAvailable && process.env.CI) throw new Error(`${CHROMIUM} is missing in CI: .ci/run installs it (apt-get install chromium fonts-noto-cjk)`);
if (!chromiumAvailable) console.warn(`跳过浏览器测试：没有 ${CHROMIUM}（apt-get install -y chromium fonts-noto-cjk 后再运行）`);

export interface ConsoleBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * One chromium per worker process, launched by the first browser test file the worker runs and reused by the
 * next ones (the suite runs with `isolate: false`): a launch costs seconds on these machines, a context a few
 * milliseconds. Kept on globalThis so that a module graph imported anew (`--isolate`) finds it too. Playwright
 * kills the browsers it launched when the process exits, so the worker's end closes it; a browser that
 * disconnected (crashed) is launched again.
 */
const WORKER_CHROMIUM = Symbol.for("yishi.test.workerChromium");
type WorkerChromium = { launched?: Promise<Browser> };

function workerChromium(): Promise<Browser> {
  const holder: WorkerChromium = ((globalThis as Record<symbol, WorkerChromium | undefined>)[WORKER_CHROMIUM] ??= {});
  if (!holder.launched) {
    // Playwright's own signal handlers would, while the browser lives, turn the SIGTERM that ends a vitest worker
    // into exit code 130 ("Worker exited unexpectedly"); its exit handler still kills the browser with the worker.
    const launched = chromium.launch({ executablePath: CHROMIUM, args: FLAGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    holder.launched = launched;
    launched.then(
      (browser) =>
        browser.on("disconnected", () => {
          if (holder.launched === launched) holder.launched = undefined;
        }),
      () => {
        if (holder.launched === launched) holder.launched = undefined;
      },
    );
  }
  return holder.launched;
}

/**
 * A fresh browser context (its own cookies and storage, as a new profile had) at one size, in Chinese and
 * Shanghai time, in the worker's chromium; the built console page must exist.
 */
export async function openConsoleBrowser(
  viewport: { width: number; height: number },
  options: { userAgent?: string; acceptDownloads?: boolean } = {},
): Promise<ConsoleBrowser> {
  if (!existsSync(CONSOLE_PAGE)) throw new Error("dist/console is not built: run `npm run build`");
  mkdirSync(SHOTS, { recursive: true });
  const browser = await workerChromium();
  const context = await browser.newContext({ viewport, locale: "zh-CN", timezoneId: "Asia/Shanghai", ...options });
  return { context, close: () => context.close() };
}
