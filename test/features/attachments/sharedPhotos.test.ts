import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { databaseBlobStore } from "../../../src/store/blobs.ts";

/** Photos with several instances on one database: stored by one, served by another (README, "PostgreSQL"). */

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const png = readFileSync(new URL("../../fixtures/media/lamp.png", import.meta.url));
const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString("base64")}`;

const bots: TestBot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0).reverse()) await bot.close();
});

async function twoInstances(attachmentDir: () => string | null): Promise<[TestBot, TestBot]> {
  const a = await startTestBot({ attachmentDir: attachmentDir() });
  bots.push(a);
  const b = await startTestBot({ sharing: a.database, attachmentDir: attachmentDir() });
  bots.push(b);
  return [a, b];
}

async function reportWithPhotoOn(t: TestBot): Promise<void> {
  const response = await t.request("POST", "/sandbox/groups/g-yangguang/messages", {
    body: { userId: "u-zhang", text: "@议事助手 3号楼楼道灯不亮了", images: [dataUrl(png)] },
  });
  expect(response.body.replies[0].text).toContain("已收到照片 1 张");
}

async function servedBy(t: TestBot, id: number): Promise<Buffer | number> {
  const response = await fetch(`${t.baseUrl}/api/attachments/${id}`, { headers: auth });
  return response.status === 200 ? Buffer.from(await response.arrayBuffer()) : response.status;
}

describe("photos with two instances on one database", () => {
  it("without ATTACHMENT_DIR: one instance stores the photo, the other serves it (PostgreSQL: in the database; SQLite: beside the file)", async () => {
    const [a, b] = await twoInstances(() => null);
    await reportWithPhotoOn(a);
    expect(await servedBy(b, 1)).toEqual(png);
    const folder = path.join(a.database.files, "attachments");
    if (inject("databaseDialect") === "postgres") {
      const stored = await a.database.db.query.selectFrom("Blob").select(["key", "size"]).execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.size).toBe(png.byteLength);
      expect(existsSync(path.resolve("data", "attachments", ...stored[0]!.key.split("/")))).toBe(false);
    } else {
      expect(readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())).toHaveLength(1);
      expect(await a.database.db.query.selectFrom("Blob").select("key").execute()).toHaveLength(0);
    }
  });

  it("with ATTACHMENT_DIR, a folder both mount: files there, none in the database", async () => {
    const shared = mkdtempSync(path.join(tmpdir(), "yishi-shared-photos-"));
    try {
      const [a, b] = await twoInstances(() => shared);
      await reportWithPhotoOn(b);
      expect(await servedBy(a, 1)).toEqual(png);
      expect(readdirSync(shared, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())).toHaveLength(1);
      expect(await a.database.db.query.selectFrom("Blob").select("key").execute()).toHaveLength(0);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });
});

describe("the database's BlobStore", () => {
  it("keeps the same bytes once, put by two instances at once, and answers null for a key it does not hold", async () => {
    const [a, b] = await twoInstances(() => null);
    const [first, second] = await Promise.all([databaseBlobStore(a.database.db).put(png), databaseBlobStore(b.database.db).put(new Uint8Array(png))]);
    expect(first).toEqual(second);
    expect(Buffer.from((await databaseBlobStore(b.database.db).get(first.key))!).equals(png)).toBe(true);
    expect(await databaseBlobStore(a.database.db).get(`${first.key.slice(0, 3)}${"0".repeat(61)}`)).toBeNull();
    expect(await databaseBlobStore(a.database.db).get("../etc/passwd")).toBeNull();
    expect(await a.database.db.query.selectFrom("Blob").select("key").execute()).toHaveLength(1);
  });
});
