import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "../../src/store/migrate.ts";

/** Migrates one template database with the real `prisma migrate deploy`; each test copies it. */
export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-template-"));
  const file = path.join(dir, "template.db");
  await applyMigrations(`file:${file}`);
  provide("templateDatabase", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
