import { afterAll } from "vitest";
import { settleDroppedDatabases } from "./testDatabase.ts";

/**
 * Setup of the database projects: a test's database is removed while the next test runs (testDatabase.ts);
 * each file waits, at its end, until its own are gone.
 */
afterAll(settleDroppedDatabases);
