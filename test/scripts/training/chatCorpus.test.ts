import { describe, expect, it } from "vitest";
import { chatSplit, compareWriters, TEST_WRITERS, WRITER_NAME } from "../../../scripts/training/chatCorpus.ts";

describe("the writers' names", () => {
  it("run past w99: w100 is a writer, and comes after w99, not after w10", () => {
    expect(["w100", "w10", "w99", "w11"].filter((name) => WRITER_NAME.test(name)).sort(compareWriters)).toEqual(["w10", "w11", "w99", "w100"]);
    expect(["w1", "w1000", "x10", "w10.tsv"].some((name) => WRITER_NAME.test(name))).toBe(false);
  });

  it("name the writer of every line read from the corpus, as its id says", () => {
    const { train, test } = chatSplit();
    for (const line of [...train.lines, ...test.lines]) expect(line.id.startsWith(`${line.writer}-`), line.id).toBe(true);
    expect(train.lines.some((line) => (TEST_WRITERS as readonly string[]).includes(line.writer))).toBe(false);
  });
});
