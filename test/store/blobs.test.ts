import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { attachmentDirectory, fileBlobStore, sha256Hex } from "../../src/store/blobs.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "yishi-blobs-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const filesUnder = (root: string): string[] =>
  readdirSync(root, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(root, entry.name)) : [path.join(root, entry.name)],
  );

describe("the file blob store", () => {
  it("keeps bytes under their sha256, split after two characters, and reads them back", async () => {
    const store = fileBlobStore(dir);
    const bytes = new TextEncoder().encode("一张照片的字节");
    const stored = await store.put(bytes);
    const sha256 = sha256Hex(bytes);
    expect(stored).toEqual({ key: `${sha256.slice(0, 2)}/${sha256.slice(2)}`, sha256 });
    expect(readFileSync(path.join(dir, sha256.slice(0, 2), sha256.slice(2)))).toEqual(Buffer.from(bytes));
    expect(await store.get(stored.key)).toEqual(bytes);
  });

  it("keeps the same bytes once however often they are put, and different bytes apart", async () => {
    const store = fileBlobStore(dir);
    const first = await store.put(new Uint8Array([1, 2, 3]));
    const again = await store.put(new Uint8Array([1, 2, 3]));
    const other = await store.put(new Uint8Array([3, 2, 1]));
    expect(again.key).toBe(first.key);
    expect(other.key).not.toBe(first.key);
    expect(filesUnder(dir)).toHaveLength(2);
  });

  it("answers null for a missing key and for anything that is not one of its keys", async () => {
    const store = fileBlobStore(dir);
    await store.put(new Uint8Array([9]));
    expect(await store.get(`ab/${"c".repeat(62)}`)).toBeNull();
    expect(await store.get("../../etc/passwd")).toBeNull();
    expect(await store.get(`AB/${"C".repeat(62)}`)).toBeNull();
  });

  it("lives beside the database file unless ATTACHMENT_DIR says otherwise", () => {
    expect(attachmentDirectory("file:/srv/yishi/data/yishi.db", undefined)).toBe("/srv/yishi/data/attachments");
    expect(attachmentDirectory("file:/srv/yishi/data/yishi.db", "/mnt/photos")).toBe("/mnt/photos");
  });
});
