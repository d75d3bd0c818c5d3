import { describe, expect, it } from "vitest";
import { checkAttachmentLink, linkSecretFrom, signedAttachmentUrl } from "../../../src/features/attachments/links.ts";

const SECRET = "attachment-link-secret-0123456789";
const now = new Date("2026-11-23T02:00:00Z");
const week = new Date(now.getTime() + 7 * 86_400_000);

function parts(url: string) {
  const parsed = new URL(url);
  return {
    id: Number(parsed.pathname.split("/").at(-1)),
    expires: parsed.searchParams.get("expires") ?? undefined,
    sig: parsed.searchParams.get("sig") ?? undefined,
  };
}

describe("signed photo links", () => {
  it("are valid for their photo until they expire", () => {
    const url = signedAttachmentUrl("https://yishi.example.cn", SECRET, 12, week);
    expect(url).toMatch(/^https:\/\/yishi\.example\.cn\/attachments\/12\?expires=\d+&sig=[\w-]+$/);
    const { id, expires, sig } = parts(url);
    expect(checkAttachmentLink(SECRET, id, expires, sig, now)).toBe("valid");
    expect(checkAttachmentLink(SECRET, id, expires, sig, new Date(week.getTime() - 1000))).toBe("valid");
    expect(checkAttachmentLink(SECRET, id, expires, sig, new Date(week.getTime() + 1000))).toBe("expired");
  });

  it("are refused when the id, the expiry, the signature or the secret differs", () => {
    const { id, expires, sig } = parts(signedAttachmentUrl("https://yishi.example.cn", SECRET, 12, week));
    expect(checkAttachmentLink(SECRET, 13, expires, sig, now)).toBe("invalid");
    expect(checkAttachmentLink(SECRET, id, String(Number(expires) + 86_400), sig, now)).toBe("invalid");
    expect(checkAttachmentLink(SECRET, id, expires, `${sig!.slice(0, -1)}${sig!.endsWith("A") ? "B" : "A"}`, now)).toBe("invalid");
    expect(checkAttachmentLink("another-secret-0123456789", id, expires, sig, now)).toBe("invalid");
    expect(checkAttachmentLink(SECRET, id, undefined, sig, now)).toBe("invalid");
    expect(checkAttachmentLink(SECRET, id, expires, undefined, now)).toBe("invalid");
    expect(checkAttachmentLink(SECRET, id, "soon", sig, now)).toBe("invalid");
  });

  it("are signed with the configured secret, or one derived from the admin token that is not the token", () => {
    expect(linkSecretFrom("configured-secret-0123", "admin-token-0123456789")).toBe("configured-secret-0123");
    const derived = linkSecretFrom(undefined, "admin-token-0123456789");
    expect(derived).not.toContain("admin-token");
    expect(derived).toBe(linkSecretFrom(undefined, "admin-token-0123456789"));
    expect(derived).not.toBe(linkSecretFrom(undefined, "admin-token-9876543210"));
  });
});
