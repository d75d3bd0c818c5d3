import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile, rm } from "node:fs/promises";
import path from "node:path";
import { dataDirectory, isPostgresUrl, type Database } from "./database.ts";

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

/**
 * Rows of the Blob table, one per distinct content: what every instance on a PostgreSQL database reads, with
 * no folder to share. The insert of bytes already kept does nothing (ON CONFLICT), so two instances storing
 * the same photo at once keep it once.
 */
export function databaseBlobStore(db: Database, clock: () => Date = () => new Date()): BlobStore {
  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const key = blobKey(sha256);
      await db.query
        .insertInto("Blob")
        .values({ key, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), size: bytes.byteLength, createdAt: clock() })
        .onConflict((conflict) => conflict.column("key").doNothing())
        .execute();
      return { key, sha256 };
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      const row = await db.query.selectFrom("Blob").select("bytes").where("key", "=", key).executeTakeFirst();
      return row ? new Uint8Array(row.bytes) : null;
    },
  };
}

/**
 * Where photos are kept: ATTACHMENT_DIR (a folder every instance mounts) when set; else the database on
 * PostgreSQL (instances share nothing else); else attachments/ beside the SQLite file.
 */
export function blobStoreFor(db: Database, databaseUrl: string, configuredDir: string | undefined): BlobStore {
  if (configuredDir === undefined && isPostgresUrl(databaseUrl)) return databaseBlobStore(db);
  return fileBlobStore(attachmentDirectory(databaseUrl, configuredDir));
}

/** The folder photos are kept in: ATTACHMENT_DIR, or attachments/ beside the SQLite file (./data/attachments with PostgreSQL). */
export function attachmentDirectory(databaseUrl: string, configured: string | undefined): string {
  return path.resolve(configured ?? path.join(dataDirectory(databaseUrl), "attachments"));
}
