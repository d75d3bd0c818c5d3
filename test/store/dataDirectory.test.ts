import path from "node:path";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { dataDirectory } from "../../src/store/database.ts";

const dir = mkdtempSync(path.join(tmpdir(), "yishi-local-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("an instance's own files", () => {
  it("sit beside a SQLite file, made if missing", () => {
    expect(dataDirectory(`file:${path.join(dir, "nested", "bot.db")}`)).toBe(path.join(dir, "nested"));
    expect(existsSync(path.join(dir, "nested"))).toBe(true);
  });

  it("sit in ./data under the working directory when the database is PostgreSQL", () => {
    expect(dataDirectory("postgresql://bot@db.example:5432/yishi")).toBe(path.resolve("data"));
  });
});
