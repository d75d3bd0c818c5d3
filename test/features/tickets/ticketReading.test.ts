import { describe, expect, it } from "vitest";
import { bundledModels } from "../../../src/bot/classifier/models.ts";
import { REMEMBERED_READINGS, ticketReading } from "../../../src/features/tickets/ticketReading.ts";

describe("an open ticket's words, read for the duplicate matching", () => {
  const models = bundledModels();

  it("tell its danger and what it is about, as a new report's would", () => {
    const trapped = ticketReading("7号楼电梯卡在两层中间了 里面有人出不来", models);
    expect(trapped).toMatchObject({ danger: "red", hazard: "lift" });
    expect(trapped.topics).toHaveLength(models.category.labels.length);
    expect(ticketReading("3号楼楼道灯坏了", models)).toMatchObject({ danger: null });
  });

  it("are read once a process for each set of models, and the oldest forgotten past the bound", () => {
    const first = ticketReading("5号楼门口井盖松了", models);
    expect(ticketReading("5号楼门口井盖松了", models)).toBe(first);
    expect(ticketReading("5号楼门口井盖松了", { ...models })).not.toBe(first);
    for (let n = 0; n < REMEMBERED_READINGS; n++) ticketReading(`${n}号楼路灯不亮`, models);
    expect(ticketReading("5号楼门口井盖松了", models)).not.toBe(first);
    expect(ticketReading("5号楼门口井盖松了", models)).toEqual(first);
  });
});
