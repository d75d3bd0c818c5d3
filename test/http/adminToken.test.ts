import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { ADMIN_TOKEN_SHA256, attachmentLinkSecret, establishAdminToken } from "../../src/http/adminToken.ts";
import { serverSecret } from "../../src/store/serverSecrets.ts";
import { createTestDatabase, joinTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";

const NOW = new Date("2026-11-23T02:00:00Z");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function database(): Promise<[TestDatabase, TestDatabase]> {
  const first = await createTestDatabase({ seed: false });
  cleanup.push(() => first.close());
  const second = await joinTestDatabase(first);
  cleanup.push(() => second.close());
  return [first, second];
}

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-token-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const unset = (tokenFile: string) => ({ configured: undefined, tokenFile, now: NOW });

describe("the admin token with ADMIN_TOKEN unset, several instances on one database", () => {
  it("is made once: the database keeps only its hash, the token goes to the token file, and every instance checks the same", async () => {
    const [a, b] = await database();
    // On SQLite both processes share the data directory; on PostgreSQL each instance has its own.
    const sameFolder = inject("databaseDialect") === "sqlite";
    const fileA = path.join(folder(), "admin-token");
    const fileB = sameFolder ? fileA : path.join(folder(), "admin-token");
    const [tokenA, tokenB] = await Promise.all([establishAdminToken(a.db, unset(fileA)), establishAdminToken(b.db, unset(fileB))]);
    const sources = [tokenA.source, tokenB.source].sort();
    expect(sources).toEqual(sameFolder ? ["created", "file"] : ["created", "elsewhere"]);
    expect(tokenA.hash.sha256.equals(tokenB.hash.sha256)).toBe(true);
    const creatorFile = tokenA.source === "created" ? fileA : fileB;
    const token = readFileSync(creatorFile, "utf8").trim();
    const stored = await serverSecret(a.db, ADMIN_TOKEN_SHA256);
    expect(stored).toBe(sha256(token));
    expect(stored).not.toContain(token);
    expect(tokenA.hash.sha256.toString("hex")).toBe(stored);
    if (!sameFolder) expect(existsSync(tokenA.source === "created" ? fileB : fileA)).toBe(false);
  });

  it("keeps the token across restarts, and on SQLite replaces one whose file was lost", async () => {
    const [a] = await database();
    const file = path.join(folder(), "admin-token");
    const first = await establishAdminToken(a.db, unset(file));
    const token = readFileSync(file, "utf8").trim();
    const again = await establishAdminToken(a.db, unset(file));
    expect(again.source).toBe("file");
    expect(again.hash.sha256.equals(first.hash.sha256)).toBe(true);
    expect(readFileSync(file, "utf8").trim()).toBe(token);

    rmSync(file);
    const lost = await establishAdminToken(a.db, unset(file));
    if (inject("databaseDialect") === "sqlite") {
      expect(lost.source).toBe("replaced");
      const replacement = readFileSync(file, "utf8").trim();
      expect(replacement).not.toBe(token);
      expect(await serverSecret(a.db, ADMIN_TOKEN_SHA256)).toBe(sha256(replacement));
    } else {
      // PostgreSQL: the token lives on elsewhere (another instance's file); set ADMIN_TOKEN for a county.
      expect(lost.source).toBe("elsewhere");
      expect(existsSync(file)).toBe(false);
      expect(await serverSecret(a.db, ADMIN_TOKEN_SHA256)).toBe(sha256(token));
    }
  });

  it("takes ADMIN_TOKEN as it is when set, storing nothing", async () => {
    const [a] = await database();
    const configured = await establishAdminToken(a.db, { configured: "a-configured-token-0123", tokenFile: path.join(folder(), "admin-token"), now: NOW });
    expect(configured.source).toBe("configured");
    expect(configured.hash.sha256.toString("hex")).toBe(sha256("a-configured-token-0123"));
    expect(await serverSecret(a.db, ADMIN_TOKEN_SHA256)).toBeNull();
  });

  it("signs attachment links with one key on every instance", async () => {
    const [a, b] = await database();
    const [keyA, keyB] = await Promise.all([attachmentLinkSecret(a.db, {}, NOW), attachmentLinkSecret(b.db, {}, NOW)]);
    expect(keyA).toBe(keyB);
    expect(keyA.length).toBeGreaterThanOrEqual(32);
    expect(await attachmentLinkSecret(a.db, { ATTACHMENT_LINK_SECRET: "configured-link-secret" }, NOW)).toBe("configured-link-secret");
  });
});

describe("the admin API of two instances with the token in the database", () => {
  const bots: TestBot[] = [];
  afterEach(async () => {
    for (const bot of bots.splice(0).reverse()) await bot.close();
  });

  it("answers the token from the file on either instance, and refuses any other", async () => {
    const files = folder();
    const first = await createTestDatabase();
    cleanup.push(() => first.close());
    const [tokenA, tokenB] = await Promise.all(
      [first, await joinTestDatabase(first)].map(async (database, i) => {
        if (i === 1) cleanup.push(() => database.close());
        return establishAdminToken(database.db, unset(path.join(files, "admin-token")));
      }),
    );
    const token = readFileSync(path.join(files, "admin-token"), "utf8").trim();
    for (const established of [tokenA!, tokenB!]) {
      const t = await startTestBot({ sharing: first, secrets: { adminToken: established.hash, linkSecret: await attachmentLinkSecret(first.db, {}, NOW) } });
      bots.push(t);
      expect((await t.request("GET", "/api/tickets", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await t.request("GET", "/api/tickets", { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
      expect((await t.request("GET", "/api/tickets", { headers: { authorization: "Bearer test-admin-token-0123456789" } })).status).toBe(401);
    }
  });
});
