import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ensureDatabaseDirectory } from "./database.ts";

const run = promisify(execFile);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Applies pending migrations from prisma/migrations with Prisma's own `migrate deploy`, so the
 * database file a newcomer starts with and the one an operator upgrades go through the same path.
 */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  ensureDatabaseDirectory(databaseUrl);
  const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  try {
    await run(process.execPath, [prismaCli, "migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`数据库迁移失败：${(output.stderr || output.stdout || output.message).trim()}`);
  }
}
