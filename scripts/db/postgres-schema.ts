/**
 * Writes prisma/postgres/schema.prisma from prisma/schema.prisma (see postgresSchema.ts for what changes).
 *   npm run db:postgres-schema             write it
 *   npm run db:postgres-schema -- --check  fail (exit 1) when the written file is not current
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { POSTGRES_SCHEMA, postgresSchemaFrom, readSqliteSchema } from "./postgresSchema.ts";

const wanted = postgresSchemaFrom(readSqliteSchema());
const current = existsSync(POSTGRES_SCHEMA) ? readFileSync(POSTGRES_SCHEMA, "utf8") : undefined;
const relative = path.relative(process.cwd(), POSTGRES_SCHEMA);

if (process.argv.includes("--check")) {
  if (current !== wanted) {
    console.error(
      `${relative} is not current with prisma/schema.prisma: run npm run db:postgres-schema (and npm run db:migration -- <name> if the models changed).`,
    );
    process.exit(1);
  }
  console.log(`${relative} is current.`);
} else if (current === wanted) {
  console.log(`${relative} is already current.`);
} else {
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, wanted);
  console.log(`wrote ${relative}`);
}
