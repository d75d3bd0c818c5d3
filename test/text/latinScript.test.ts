import { describe, expect, it } from "vitest";
import { isMostlyLatin } from "../../src/text/latinScript.ts";

describe("a message written mostly in a Latin script", () => {
  it.each(["@议事助手 lift stuck my ma'am inside help", "naku grabe po the water", "12楼 gas smell very strong in corridor", "dianti huai le"])(
    "%s is",
    (text) => expect(isMostlyLatin(text)).toBe(true),
  );

  it.each(["@议事助手 asdfgh 123", "3号楼电梯坏了 pls fix asap", "ok", "@议事助手 今天天气不错", "https://example.com/a/b 看看这个"])("%s is not", (text) =>
    expect(isMostlyLatin(text)).toBe(false),
  );
});
