/**
 * A throwaway PostgreSQL database with the store's schema, for the benches and for running the store's
 * tests on PostgreSQL (TEST_DATABASE_URL_BASE). Its schema comes from prisma/postgres/migrations when that
 * folder exists (the derived PostgreSQL schema, scripts/db/postgres-schema.ts); until then it is derived
 * here the same way: prisma/schema.prisma with the provider switched and every DateTime a timestamptz(3),
 * through `prisma migrate diff`, plus the organisation's revision row and its triggers (store/directory.ts).
 */
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The SQLite schema, as PostgreSQL's: provider switched, dates as timestamptz(3). */
export function postgresDatamodel(sqliteSchema: string): string {
  return sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/^(\s+\w+\s+DateTime\??)(.*)$/gm, (_line, field: string, rest: string) => `${field}${rest} @db.Timestamptz(3)`);
}

const ORG_TRIGGERS = `
CREATE OR REPLACE FUNCTION "org_structure_revision"() RETURNS trigger AS $$
BEGIN UPDATE "OrgRevision" SET "structure" = "structure" + 1 WHERE "id" = 1; RETURN NULL; END; $$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION "org_members_revision"() RETURNS trigger AS $$
BEGIN UPDATE "OrgRevision" SET "members" = "members" + 1 WHERE "id" = 1; RETURN NULL; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER "Unit_revision" AFTER INSERT OR UPDATE OR DELETE ON "Unit" FOR EACH STATEMENT EXECUTE FUNCTION "org_structure_revision"();
CREATE TRIGGER "Group_revision" AFTER INSERT OR UPDATE OR DELETE ON "Group" FOR EACH STATEMENT EXECUTE FUNCTION "org_structure_revision"();
CREATE TRIGGER "Member_revision" AFTER INSERT OR UPDATE OR DELETE ON "Member" FOR EACH STATEMENT EXECUTE FUNCTION "org_members_revision"();
CREATE TRIGGER "Membership_revision" AFTER INSERT OR UPDATE OR DELETE ON "Membership" FOR EACH STATEMENT EXECUTE FUNCTION "org_members_revision"();
INSERT INTO "OrgRevision" ("id", "structure", "members") VALUES (1, 0, 0);
`;

/** The SQL that creates the schema on an empty PostgreSQL database (cached by the schema's hash). */
export function postgresSchemaSql(baseUrl: string): string {
  const migrations = path.join(root, "prisma", "postgres", "migrations");
  if (existsSync(migrations)) {
    return readdirSync(migrations, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
      .map((name) => readFileSync(path.join(migrations, name, "migration.sql"), "utf8"))
      .join("\n");
  }
  const datamodel = postgresDatamodel(readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8"));
  const cacheDir = path.join(tmpdir(), "yishi-postgres-schema");
  const cached = path.join(cacheDir, `${createHash("sha256").update(datamodel).digest("hex").slice(0, 16)}.sql`);
  if (existsSync(cached)) return readFileSync(cached, "utf8");
  mkdirSync(cacheDir, { recursive: true });
  const schemaFile = path.join(cacheDir, `schema-${process.pid}.prisma`);
  writeFileSync(schemaFile, datamodel);
  const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const config = path.join(root, "scripts", "db", "prisma.scratch-postgres.config.ts");
  const args = [prismaCli, "migrate", "diff", "--config", config, "--from-empty", "--to-schema-datamodel", schemaFile, "--script"];
  const created = execFileSync(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      YISHI_SCRATCH_SCHEMA: schemaFile,
      YISHI_SCRATCH_URL: baseUrl,
      DATABASE_URL: `${baseUrl.replace(/\/+$/, "")}/postgres`,
    },
    encoding: "utf8",
  });
  const script = `${created}\n${ORG_TRIGGERS}`;
  writeFileSync(cached, script);
  return script;
}

/** Creates a database named after `prefix` on the server of `baseUrl` with the schema applied; drop() removes it. */
export async function scratchPostgresDatabase(baseUrl: string, prefix = "yishi_scratch"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${baseUrl.replace(/\/+$/, "")}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = `${baseUrl.replace(/\/+$/, "")}/${name}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(postgresSchemaSql(baseUrl));
  } finally {
    await client.end();
  }
  return {
    url,
    drop: async () => {
      const again = new pg.Client({ connectionString: `${baseUrl.replace(/\/+$/, "")}/postgres` });
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}
