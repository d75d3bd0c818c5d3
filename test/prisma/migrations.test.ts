import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prisma, withExtraModel } from "../helpers/prismaCli.ts";

// CI's check that prisma/migrations (SQLite) build exactly prisma/schema.prisma: migrate diff replays the
// migrations on a shadow database (in memory, prisma/sqliteAdapter.ts) and compares it with the schema.
// Its PostgreSQL twin is migrations.postgres.test.ts.

const dir = mkdtempSync(path.join(tmpdir(), "yishi-schema-"));
const url = `file:${path.join(dir, "unused.db")}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the SQLite migrations", () => {
  it("reach prisma/schema.prisma", async () => {
    const diff = await prisma(
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"],
      url,
    );
    expect(diff).toMatchObject({ code: 0 });
    expect(diff.output).toContain("No difference detected");
  }, 60_000);

  it("are reported when they do not reach the schema", async () => {
    const schema = path.join(dir, "schema.prisma");
    writeFileSync(schema, withExtraModel(readFileSync("prisma/schema.prisma", "utf8")));
    const diff = await prisma(["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", schema, "--exit-code"], url);
    expect(diff.code).toBe(2);
    expect(diff.output).toContain("NotMigrated");
  }, 60_000);
});
