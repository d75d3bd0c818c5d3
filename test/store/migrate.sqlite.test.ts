import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pendingMigrations } from "../../src/store/migrate.ts";
import { createTestDatabase } from "../helpers/testDatabase.ts";

describe("migrations", () => {
  it("are all pending for a missing database and none for a migrated one", async () => {
    const all = readdirSync(new URL("../../prisma/migrations", import.meta.url), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(pendingMigrations("file:/tmp/yishi-does-not-exist.db")).toHaveLength(all.length);
    const database = await createTestDatabase({ seed: false });
    expect(pendingMigrations(database.url)).toEqual([]);
    await database.close();
  });
});
