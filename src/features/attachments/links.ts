import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed links to one attachment, for chat posts: whoever holds the link may see that photo until it
 * expires, without the admin token. The signature covers the id and the expiry, nothing else.
 */

function signature(secret: string, id: number, expiresAtSeconds: number): string {
  return createHmac("sha256", secret).update(`attachment:${id}:${expiresAtSeconds}`).digest("base64url");
}

/** `${base}/attachments/${id}?expires=…&sig=…` */
export function signedAttachmentUrl(base: string, secret: string, id: number, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${base}/attachments/${id}?expires=${expires}&sig=${signature(secret, id, expires)}`;
}

export type LinkCheck = "valid" | "expired" | "invalid";

/** Checks a link's signature (constant time) and then its expiry as of `now`. */
export function checkAttachmentLink(secret: string, id: number, expires: string | undefined, sig: string | undefined, now: Date): LinkCheck {
  if (!expires || !/^\d{1,12}$/.test(expires) || !sig) return "invalid";
  const expected = Buffer.from(signature(secret, id, Number(expires)));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
  return Number(expires) * 1000 < now.getTime() ? "expired" : "valid";
}

/** The secret links are signed with: ATTACHMENT_LINK_SECRET, or one derived from the admin token. */
export function linkSecretFrom(configured: string | undefined, adminToken: string): string {
  return configured ?? createHmac("sha256", adminToken).update("yishi attachment links").digest("base64url");
}
