import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PLATFORMS, type PlatformDefinition } from "../src/platforms/index.ts";

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
/** Every module a file imports, relative ones resolved against src/ ("store/database.ts"), packages as written. */
const modulesOf = (name: string, text: string) =>
  [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)"([^"]+)"/g)].map(({ 1: target }) =>
    target!.startsWith(".") ? path.normalize(path.join(path.dirname(name), target!)) : target!,
  );

/** The code without its comments (strings kept): a comment may name a platform, the code may not. */
function codeOf(text: string): string {
  return text.replace(
    /("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g,
    (all, literal?: string) => literal ?? all.replace(/[^\n]/g, " "),
  );
}

/**
 * Where a platform is still named outside platforms/, and why. The test below fails for any other file, and
 * for a line here the file no longer needs, so the list can only shrink.
 */
const PLATFORM_NAMED_OUTSIDE: Record<string, string> = {
  "store/seedCounty.ts": "the seeded county's groups and members are the sandbox's (raw SQL for speed; store/ is being rewritten)",
};

/** Where the database is still queried outside store/, and why; the same rules as above. */
const QUERIED_OUTSIDE: Record<string, string> = {};

/** Every name of every registered platform, as code may spell it: its registry name and its aliases (企业微信, 钉钉). */
const PLATFORM_NAMES = PLATFORMS.flatMap((platform: PlatformDefinition) => [platform.name, ...(platform.aliases ?? [])]);

const MODELS = readFileSync(path.resolve(SRC, "../prisma/schema.prisma"), "utf8")
  .split("\n")
  .flatMap((line) => /^model (\w+)/.exec(line)?.slice(1) ?? [])
  .map((model) => model[0]!.toLowerCase() + model.slice(1));

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

  it("names a platform only inside platforms/, in any form: a string, a name, an import, a channel's first word", () => {
    expect(PLATFORM_NAMES).toEqual(expect.arrayContaining(["wecom", "dingtalk", "企业微信", "钉钉"]));
    const named = new RegExp(PLATFORM_NAMES.join("|"), "i");
    // `channel.split("_")[0]`: a platform read back out of a channel's name by convention.
    const channelConvention = /\.split\(\s*["'`]_["'`]\s*\)/;
    const offenders = files
      .filter((file) => !file.name.startsWith("platforms/"))
      .flatMap(({ name, text }) => {
        const code = codeOf(text);
        const line = code.split("\n").find((each) => named.test(each) || channelConvention.test(each));
        return line ? [{ name, line: line.trim() }] : [];
      });
    // The rule itself can fail: each form it is meant to catch is caught.
    for (const form of [
      'import { x } from "./platforms/wecom/push.ts";',
      "const dingtalkToken = 1;",
      'log("企业微信")',
      "if (platform === 'DingTalk') {}",
      'post.channel.split("_")[0]',
    ]) {
      expect(named.test(codeOf(form)) || channelConvention.test(codeOf(form)), form).toBe(true);
    }
    expect(named.test(codeOf("// a comment may say WeCom")), "a comment").toBe(false);
    const unexpected = offenders.filter(({ name }) => !(name in PLATFORM_NAMED_OUTSIDE));
    expect(unexpected, "a platform named outside platforms/ (move it into the platform's folder)").toEqual([]);
    const paidOff = Object.keys(PLATFORM_NAMED_OUTSIDE).filter((name) => !offenders.some((offender) => offender.name === name));
    expect(paidOff, "no longer names a platform: take it off PLATFORM_NAMED_OUTSIDE").toEqual([]);
  });

  it("keeps Prisma, SQLite, PostgreSQL and the query layer inside store/: nothing else imports them or queries a table", () => {
    const storeOnly = /^(@prisma\/|better-sqlite3$|prisma$|kysely$|pg$|store\/(generated|sqlite|postgres|schema|rows|orgWrites)\b)/;
    for (const { name, text } of files.filter((file) => !file.name.startsWith("store/"))) {
      for (const target of modulesOf(name, text)) expect(storeOnly.test(target), `${name} imports ${target}`).toBe(false);
    }
    const query = new RegExp(
      `\\.(${MODELS.join("|")})\\.(find\\w*|create\\w*|update\\w*|delete\\w*|upsert|count|aggregate|groupBy)\\(|\\.\\$(queryRaw|executeRaw|transaction)\\w*\\b|\\.query\\s*\\.\\s*(selectFrom|insertInto|updateTable|deleteFrom|with)\\(`,
    );
    const offenders = files.filter((file) => !file.name.startsWith("store/") && query.test(codeOf(file.text))).map((file) => file.name);
    expect(
      offenders.filter((name) => !(name in QUERIED_OUTSIDE)),
      "the database queried outside store/ (add a function to store/)",
    ).toEqual([]);
    expect(
      Object.keys(QUERIED_OUTSIDE).filter((name) => !offenders.includes(name)),
      "no longer queries the database: take it off QUERIED_OUTSIDE",
    ).toEqual([]);
  });
});
