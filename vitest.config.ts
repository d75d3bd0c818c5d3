import { defineConfig } from "vitest/config";
import { DurationSequencer } from "./test/helpers/durationSequencer.ts";

/**
 * Test files that never open a database (rules, text, models, the build and other processes with their own
 * SQLite files): they run once, in the project "once", not again on each database. Its setup file
 * (test/helpers/noDatabase.ts) makes opening a database there fail, so a file listed here that starts using one
 * fails until it is taken off the list; test/helpers/noDatabase.test.ts shows that it does.
 */
export const WITHOUT_DATABASE = [
  "test/bot/**/*.test.ts",
  "test/domain/**/*.test.ts",
  "test/text/**/*.test.ts",
  "test/build.test.ts",
  "test/deploy/countyCompose.test.ts",
  "test/architecture.test.ts",
  "test/features/attachments/imageType.test.ts",
  "test/features/attachments/links.test.ts",
  "test/features/commandRegistry.test.ts",
  "test/features/console/xlsx.test.ts",
  "test/features/delivery.test.ts",
  "test/features/help.test.ts",
  "test/features/tickets/ticketReading.test.ts",
  "test/jobs/registry.test.ts",
  "test/logger.test.ts",
  "test/outbox/passLoop.test.ts",
  "test/platforms/dingtalk/sign.test.ts",
  "test/platforms/http.test.ts",
  "test/platforms/wecom/crypto.test.ts",
  "test/platforms/wecom/media.test.ts",
  "test/policyFile.test.ts",
  "test/prisma/migrations.test.ts",
  "test/scripts/classify.test.ts",
  "test/scripts/multiInstance/checks.test.ts",
  "test/scripts/training/chatFolds.test.ts",
  "test/scripts/training/recipes.test.ts",
  "test/stdoutLog.test.ts",
  "test/store/blobs.test.ts",
  "test/store/dataDirectory.test.ts",
  "test/store/schemaTypes.test.ts",
  "test/helpers/noDatabase.test.ts",
  "test/helpers/durationSequencer.test.ts",
  "test/helpers/nock.test.ts",
];

/**
 * Every other file runs on both databases (issue 19): on SQLite but `*.postgres.test.ts`, and on PostgreSQL but
 * `*.sqlite.test.ts` (about SQLite's own mechanisms; a few cases of that kind in mixed files skip themselves on
 * PostgreSQL by `inject("databaseDialect")`).
 */
const WITH_DATABASE = ["test/**/*.test.ts"];

/**
 * The console's pages in chromium run on SQLite only. They test what a person sees and clicks (the page draws
 * what the API answers, links, charts, downloads, screenshots); what the API answers is tested on both databases
 * by test/http/console/*, through the same routes and use cases, so a second run of the pages on PostgreSQL tests
 * no query the API tests do not, and cost 77 s of file time (the four files on PostgreSQL in a whole run at load 8).
 */
const BROWSER_ON_SQLITE_ONLY = ["test/console/browser.test.ts", "test/console/**/*.browser.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two worker processes, measured on the 2-core machines shared by several runs (load about 10): the whole
    // suite took 10m44s on vitest's default here (one worker), 4m15s with 2, 5m50s with 3 and 6m24s with 4.
    // Forks, not threads: each file opens its own SQLite files and native better-sqlite3 handles.
    pool: "forks",
    maxWorkers: 2,
    // A worker runs file after file with the modules it has already imported (issue 20): importing src/ anew
    // for each file was most of the suite's time. Nothing a file leaves behind may reach the next one: a test's
    // database is its own (test/helpers/testDatabase.ts), and the clock, timers and HTTP interceptors are put
    // back by the file that changed them.
    isolate: false,
    // The longest files first, from vitest's cache or, in a fresh clone, from test/fileDurations.json.
    sequence: { sequencer: DurationSequencer },
    // One project per database, and one for the files without a database: `npx vitest run --project sqlite`
    // runs one of them. The postgres project starts its own throwaway cluster unless TEST_DATABASE_URL_BASE names
    // one (test/helpers/globalSetup.ts).
    projects: [
      {
        extends: true,
        test: {
          name: "once",
          include: WITHOUT_DATABASE,
          setupFiles: ["test/helpers/noDatabase.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "sqlite",
          include: WITH_DATABASE,
          exclude: ["test/**/*.postgres.test.ts", ...WITHOUT_DATABASE],
          globalSetup: ["test/helpers/globalSetup.ts"],
          setupFiles: ["test/helpers/databaseFile.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: WITH_DATABASE,
          exclude: ["test/**/*.sqlite.test.ts", ...BROWSER_ON_SQLITE_ONLY, ...WITHOUT_DATABASE],
          globalSetup: ["test/helpers/globalSetup.ts"],
          setupFiles: ["test/helpers/databaseFile.ts"],
        },
      },
    ],
  },
});
