import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sniffImageType } from "../../../src/features/attachments/imageType.ts";

const media = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/media/${name}`, import.meta.url)));
const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((value) => (typeof value === "string" ? [...value].map((char) => char.charCodeAt(0)) : [value])));

describe("an image's type, read from its bytes", () => {
  it("recognises PNG, GIF, JPEG and WebP by their signatures", () => {
    expect(sniffImageType(media("lamp.png"))).toBe("image/png");
    expect(sniffImageType(media("dot.gif"))).toBe("image/gif");
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, "JFIF"))).toBe("image/jpeg");
    expect(sniffImageType(bytes("RIFF", 0x24, 0, 0, 0, "WEBPVP8 "))).toBe("image/webp");
    expect(sniffImageType(bytes("GIF87a", 1, 0))).toBe("image/gif");
  });

  it("refuses anything else, whatever it claims to be", () => {
    expect(sniffImageType(bytes("<!DOCTYPE html><html>"))).toBeNull();
    expect(sniffImageType(bytes("%PDF-1.7"))).toBeNull();
    expect(sniffImageType(bytes("RIFF", 0x24, 0, 0, 0, "WAVEfmt "))).toBeNull();
    expect(sniffImageType(bytes(0x89, "PNG"))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });
});
