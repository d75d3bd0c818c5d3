import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile, rm } from "node:fs/promises";
import path from "node:path";
import { dataDirectory } from "./database.ts";

/**
 * Where attachment bytes live, addressed by their content: `put` answers a key made of the bytes' sha256,
 * so the same bytes twice are kept once, and `get` reads them back. One implementation keeps files on
 * disk; object storage can follow behind the same two calls.
 */
export interface BlobStore {
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** The bytes kept under `key`, or null when there are none (or the key is not one of ours). */
  get(key: string): Promise<Uint8Array | null>;
}

export interface StoredBlob {
  key: string;
  sha256: string;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{62}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** "ab/cdef…": two characters of the hash as a folder, so no folder holds more than a 256th of the files. */
export function blobKey(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2)}`;
}

/** Files under `dir`, one per distinct content; written to a temporary name and renamed, so a reader never sees half a file. */
export function fileBlobStore(dir: string): BlobStore {
  const fileOf = (key: string) => path.join(dir, ...key.split("/"));
  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const key = blobKey(sha256);
      const file = fileOf(key);
      const existing = await stat(file).catch(() => null);
      if (existing?.size === bytes.byteLength) return { key, sha256 };
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        await writeFile(temporary, bytes, { mode: 0o640 });
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { key, sha256 };
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}

/** The folder photos are kept in: ATTACHMENT_DIR, or attachments/ beside the SQLite file (./data/attachments with PostgreSQL). */
export function attachmentDirectory(databaseUrl: string, configured: string | undefined): string {
  return path.resolve(configured ?? path.join(dataDirectory(databaseUrl), "attachments"));
}
