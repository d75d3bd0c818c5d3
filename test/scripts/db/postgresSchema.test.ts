import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { postgresSchemaFrom } from "../../../scripts/db/postgresSchema.ts";

const run = promisify(execFile);

describe("the PostgreSQL schema written from the SQLite one", () => {
  it("is current (npm run db:postgres-schema -- --check, as CI runs it)", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/db/postgres-schema.ts", "--check"]);
    expect(stdout).toContain("is current");
  }, 30_000);

  it("switches the provider, keeps generators out of the app's client and makes every DateTime a timestamptz", () => {
    const sqlite = [
      "generator client {",
      '  provider = "prisma-client"',
      '  output   = "../src/store/generated"',
      "}",
      "",
      "datasource db {",
      '  provider = "sqlite"',
      '  url      = env("DATABASE_URL")',
      "}",
      "",
      "model Ticket {",
      "  number    Int       @id @default(autoincrement())",
      "  createdAt DateTime  @default(now()) // when reported",
      "  closedAt  DateTime?",
      "  at        DateTime  @db.Timestamp(0)",
      "  text      String",
      "}",
    ].join("\n");
    const postgres = postgresSchemaFrom(sqlite);
    expect(postgres).toContain('provider = "postgresql"');
    expect(postgres).not.toContain('"sqlite"');
    expect(postgres).toContain('output   = "generated/client"');
    expect(postgres).toContain("  createdAt DateTime  @default(now()) @db.Timestamptz(3) // when reported");
    expect(postgres).toContain("  closedAt  DateTime? @db.Timestamptz(3)");
    expect(postgres).toContain("  at        DateTime  @db.Timestamp(0)");
    expect(postgres).toContain("  text      String\n");
    expect(postgres).toMatch(/^\/\/ GENERATED/);
  });
});
