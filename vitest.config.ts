import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/globalSetup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two worker processes, measured on the 2-core machines shared by several runs (load about 10): the whole
    // suite took 10m44s on vitest's default here (one worker), 4m15s with 2, 5m50s with 3 and 6m24s with 4.
    // Forks, not threads: each file opens its own SQLite files and native better-sqlite3 handles.
    pool: "forks",
    maxWorkers: 2,
  },
});
