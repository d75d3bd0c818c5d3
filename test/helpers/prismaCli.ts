import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

/** Runs the Prisma CLI (with prisma.config.ts) against a database; resolves with its exit code and output. */
export function prisma(args: string[], databaseUrl: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [prismaCli, ...args],
      { cwd: projectRoot, env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** A copy of a schema with one model more: the migrations cannot reach it. */
export function withExtraModel(schema: string): string {
  return `${schema}\nmodel NotMigrated {\n  id Int @id\n}\n`;
}
