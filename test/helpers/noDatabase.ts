import { vi } from "vitest";
import { NO_DATABASE } from "./noDatabaseText.ts";

/**
 * Setup of the project "once": opening a database through the store fails there, so a file listed as needing
 * none cannot start using one and silently run on one database only (its global setup provides none either:
 * createTestDatabase fails too).
 */
vi.mock("../../src/store/database.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../src/store/database.ts")>()),
  openDatabase: () => {
    throw new Error(NO_DATABASE);
  },
}));
