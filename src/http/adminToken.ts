import { createHash, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { linkSecretFrom } from "../features/attachments/links.ts";
import { inTransaction, type Database, type Tx } from "../store/database.ts";
import { firstServerSecret, replaceServerSecret } from "../store/serverSecrets.ts";
import { adminTokenHash, adminTokenHashFromHex, type AdminTokenHash } from "./auth.ts";

/** The names of the rows in ServerSecret. */
export const ADMIN_TOKEN_SHA256 = "admin-token-sha256";
export const LINK_SECRET = "attachment-link-secret";

/** What every instance on the database agrees on, made once (main.ts, scripts/job.ts): createBot takes it. */
export interface ServerSecrets {
  adminToken: AdminTokenHash;
  linkSecret: string;
}

/**
 * Where this instance's admin token came from: ADMIN_TOKEN; made here (the plaintext written to the token
 * file); the token file, which matches the stored hash; made by another instance (whose data directory has
 * the file); or, on SQLite with the file lost, replaced by a new one written to the file.
 */
export type AdminTokenSource = "configured" | "created" | "file" | "elsewhere" | "replaced";

const sha256Hex = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(18).toString("base64url");

function readToken(file: string): string | null {
  try {
    return readFileSync(file, "utf8").trim() || null;
  } catch {
    return null;
  }
}

function writeToken(file: string, token: string): void {
  // A secret never goes to the log: the token is written beside the database, readable by its owner only.
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
}

/**
 * The admin token every instance checks. ADMIN_TOKEN when set. Otherwise the first instance makes one and
 * stores only its SHA-256 (INSERT … ON CONFLICT DO NOTHING: one winner), writing the token to `tokenFile`;
 * a token already in that file (an earlier run) is kept, so it holds across restarts. An instance that lost
 * the race checks the stored hash without knowing the token. On SQLite, whose token file sits beside the
 * database, a file lost or stale is replaced: a new token, its hash swapped in only if still the one read.
 */
export async function establishAdminToken(
  db: Database,
  options: { configured: string | undefined; tokenFile: string; now: Date },
): Promise<{ hash: AdminTokenHash; source: AdminTokenSource }> {
  if (options.configured) return { hash: adminTokenHash(options.configured), source: "configured" };
  // One transaction: on SQLite it holds the write lock, so two processes sharing the file (and its token file)
  // take turns, and the second reads the token the first wrote.
  return inTransaction(db, (tx) => storedAdminToken(tx, options.tokenFile, options.now));
}

async function storedAdminToken(db: Tx, tokenFile: string, now: Date): Promise<{ hash: AdminTokenHash; source: AdminTokenSource }> {
  const options = { tokenFile, now };
  const inFile = readToken(options.tokenFile);
  const candidate = inFile ?? newToken();
  const stored = await firstServerSecret(db, ADMIN_TOKEN_SHA256, sha256Hex(candidate), options.now);
  if (stored.created) {
    if (candidate !== inFile) writeToken(options.tokenFile, candidate);
    return { hash: adminTokenHashFromHex(stored.value), source: "created" };
  }
  if (inFile && sha256Hex(inFile) === stored.value) return { hash: adminTokenHashFromHex(stored.value), source: "file" };
  if (db.dialect === "sqlite") {
    const replacement = newToken();
    if (await replaceServerSecret(db, ADMIN_TOKEN_SHA256, stored.value, sha256Hex(replacement), options.now)) {
      writeToken(options.tokenFile, replacement);
      return { hash: adminTokenHash(replacement), source: "replaced" };
    }
    // Another process replaced it at the same moment and writes the file.
  }
  return { hash: adminTokenHashFromHex(stored.value), source: "elsewhere" };
}

/**
 * The key attachment links are signed with: ATTACHMENT_LINK_SECRET; else one derived from ADMIN_TOKEN (the
 * same on every instance given the same token); else a random key the first instance stored, which every
 * instance reads, so a link made by one opens on another.
 */
export async function attachmentLinkSecret(
  db: Database,
  config: { ATTACHMENT_LINK_SECRET?: string | undefined; ADMIN_TOKEN?: string | undefined },
  now: Date,
): Promise<string> {
  if (config.ATTACHMENT_LINK_SECRET || config.ADMIN_TOKEN) return linkSecretFrom(config.ATTACHMENT_LINK_SECRET, config.ADMIN_TOKEN ?? "");
  return (await firstServerSecret(db, LINK_SECRET, randomBytes(32).toString("base64url"), now)).value;
}
