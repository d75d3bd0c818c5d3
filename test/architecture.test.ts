import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PLATFORMS } from "../src/platforms/index.ts";

const SRC = path.resolve(import.meta.dirname, "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const files = sourceFiles(SRC).map((file) => ({ name: path.relative(SRC, file), text: readFileSync(file, "utf8") }));
const importsOf = (text: string) => [...text.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)].map((match) => match[1]!);

describe("the house's layout", () => {
  it("names a platform only inside platforms/", () => {
    const names = PLATFORMS.map((platform) => platform.name);
    for (const { name, text } of files.filter((file) => !file.name.startsWith("platforms/"))) {
      for (const platform of names) {
        expect(text.includes(`platform === "${platform}"`) || text.includes(`platform !== "${platform}"`), `${name} checks for ${platform}`).toBe(false);
        expect(text.includes(`platform: "${platform}"`), `${name} writes ${platform}`).toBe(false);
      }
    }
  });

  it("keeps the rules and text helpers pure: domain/ and text/ import no other layer", () => {
    for (const { name, text } of files.filter((file) => /^(domain|text)\//.test(file.name))) {
      for (const target of importsOf(text)) {
        const resolved = path.normalize(path.join(path.dirname(name), target));
        expect(/^(domain|text|time)\//.test(resolved), `${name} imports ${target}`).toBe(true);
      }
    }
  });

  it("keeps understanding free of features, platforms and the store", () => {
    for (const { name, text } of files.filter((file) => file.name.startsWith("bot/"))) {
      for (const target of importsOf(text)) {
        const resolved = path.normalize(path.join(path.dirname(name), target));
        expect(/^(bot|domain|text|time)\//.test(resolved), `${name} imports ${target}`).toBe(true);
      }
    }
  });

  it("lets no feature import a platform", () => {
    for (const { name, text } of files.filter((file) => file.name.startsWith("features/"))) {
      for (const target of importsOf(text)) {
        expect(path.normalize(path.join(path.dirname(name), target)).startsWith("platforms/"), `${name} imports ${target}`).toBe(false);
      }
    }
  });
});
