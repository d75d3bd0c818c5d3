import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

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

/** A fresh chromium profile at one size, in Chinese and Shanghai time; the built console page must exist. */
export async function openConsoleBrowser(
  viewport: { width: number; height: number },
  options: { userAgent?: string; acceptDownloads?: boolean } = {},
): Promise<ConsoleBrowser> {
  if (!existsSync(CONSOLE_PAGE)) throw new Error("dist/console is not built: run `npm run build`");
  mkdirSync(SHOTS, { recursive: true });
  const profile = mkdtempSync(path.join(tmpdir(), "yishi-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: FLAGS,
    viewport,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
