import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase } from "../helpers/testDatabase.ts";
import { prisma, withExtraModel } from "../helpers/prismaCli.ts";

// CI's check that prisma/postgres/migrations build exactly prisma/postgres/schema.prisma: migrate diff replays
// them on a shadow database it makes on the server (prisma/postgresAdapter.ts) and compares it with the schema.

const dir = mkdtempSync(path.join(tmpdir(), "yishi-schema-"));
let database: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  database = await createPostgresDatabase({ empty: true });
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the PostgreSQL migrations", () => {
  it("reach prisma/postgres/schema.prisma", async () => {
    const diff = await prisma(
      ["migrate", "diff", "--from-migrations", "prisma/postgres/migrations", "--to-schema-datamodel", "prisma/postgres/schema.prisma", "--exit-code"],
      database.url,
    );
    expect(diff).toMatchObject({ code: 0 });
    expect(diff.output).toContain("No difference detected");
  }, 60_000);

  it("are reported when they do not reach the schema", async () => {
    const schema = path.join(dir, "schema.prisma");
    writeFileSync(schema, withExtraModel(readFileSync("prisma/postgres/schema.prisma", "utf8")));
    const diff = await prisma(
      ["migrate", "diff", "--from-migrations", "prisma/postgres/migrations", "--to-schema-datamodel", schema, "--exit-code"],
      database.url,
    );
    expect(diff.code).toBe(2);
    expect(diff.output).toContain("NotMigrated");
  }, 60_000);
});
