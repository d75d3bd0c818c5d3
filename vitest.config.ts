import { defineConfig } from "vitest/config";

/**
 * The tests that run on PostgreSQL: the whole suite, since the store runs on it (issue 19, the query layer), but
 * `*.sqlite.test.ts` (about SQLite's own mechanisms; a few cases of that kind in mixed files skip themselves
 * on PostgreSQL by `inject("databaseDialect")`). The sqlite project leaves out `*.postgres.test.ts`.
 */
const POSTGRES_TESTS = ["test/**/*.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two worker processes, measured on the 2-core machines shared by several runs (load about 10): the whole
    // suite took 10m44s on vitest's default here (one worker), 4m15s with 2, 5m50s with 3 and 6m24s with 4.
    // Forks, not threads: each file opens its own SQLite files and native better-sqlite3 handles.
    pool: "forks",
    maxWorkers: 2,
    // One project per database: `npx vitest run --project sqlite` runs one of them. The postgres project starts
    // its own throwaway cluster unless TEST_DATABASE_URL_BASE names one (test/helpers/globalSetup.ts).
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.postgres.test.ts"],
          globalSetup: ["test/helpers/globalSetup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: POSTGRES_TESTS,
          exclude: ["test/**/*.sqlite.test.ts"],
          globalSetup: ["test/helpers/globalSetup.ts"],
        },
      },
    ],
  },
});
