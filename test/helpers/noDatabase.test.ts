import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { NO_DATABASE } from "./noDatabaseText.ts";
import { createTestDatabase } from "./testDatabase.ts";

const dir = mkdtempSync(path.join(tmpdir(), "yishi-nodb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a file of the project once (vitest.config.ts, WITHOUT_DATABASE)", () => {
  it("cannot open a database through the store", () => {
    expect(() => openDatabase(`file:${path.join(dir, "x.db")}`)).toThrow(NO_DATABASE);
  });

  it("gets no test database", async () => {
    await expect(createTestDatabase()).rejects.toThrow(NO_DATABASE);
  });
});
