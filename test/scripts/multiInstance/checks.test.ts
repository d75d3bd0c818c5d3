import { describe, expect, it } from "vitest";
import {
  eachJobOncePerTick,
  jobRunsOf,
  noPostLost,
  noPostSentTwice,
  nothingAcknowledgedLost,
  oneTicketPerMessage,
  organisationChangeSeen,
} from "../../../scripts/multiInstance/checks.ts";
import type { Delivery, PlannedMessage } from "../../../scripts/multiInstance/spray.ts";

/** The multi-instance run's checks (scripts/multiInstance/checks.ts) catch what they are there for. */
const message = (building: string): PlannedMessage => ({ msgid: `m${building}`, chatId: "c", unitId: "u", building, userId: "r", text: "", raced: false });
const delivered = (building: string, acknowledged = true): Delivery => ({ message: message(building), acknowledged, sends: 1, statuses: ["200"] });
const ticket = (number: number, building: string) => ({ number, unitId: "u", building });
const received = (key: string, content: string) => ({ key, content, at: 0 });

describe("the multi-instance run's checks", () => {
  it("finds a message made into two tickets, one made into none, and a ticket of no message", () => {
    const deliveries = [delivered("1"), delivered("2")];
    expect(oneTicketPerMessage(deliveries, [ticket(1, "1"), ticket(2, "2")]).ok).toBe(true);
    expect(oneTicketPerMessage(deliveries, [ticket(1, "1"), ticket(2, "2"), ticket(3, "2")]).detail).toContain("1 with more than one");
    expect(oneTicketPerMessage(deliveries, [ticket(1, "1")]).ok).toBe(false);
    expect(oneTicketPerMessage(deliveries, [ticket(1, "1"), ticket(2, "2"), ticket(3, "9")]).ok).toBe(false);
  });

  it("finds an acknowledged message without a ticket, and forgives one never acknowledged", () => {
    expect(nothingAcknowledgedLost([delivered("1"), delivered("2")], [ticket(1, "1")]).ok).toBe(false);
    expect(nothingAcknowledgedLost([delivered("1"), delivered("2", false)], [ticket(1, "1")]).ok).toBe(true);
  });

  it("finds a post never received, one left unsent, and one received twice", () => {
    const outbox = [
      { key: "k1", text: "#1", status: "sent" },
      { key: "k1", text: "#2", status: "sent" },
    ];
    expect(noPostLost(outbox, [received("k1", "#1"), received("k1", "#2")]).ok).toBe(true);
    expect(noPostLost(outbox, [received("k1", "#1")]).ok).toBe(false);
    expect(noPostLost([{ key: "k1", text: "#1", status: "sending" }], [received("k1", "#1")]).ok).toBe(false);
    expect(noPostSentTwice(outbox, [received("k1", "#1"), received("k1", "#2")]).ok).toBe(true);
    expect(noPostSentTwice(outbox, [received("k1", "#1"), received("k1", "#2"), received("k1", "#2")]).ok).toBe(false);
    expect(noPostSentTwice(outbox, [received("k1", "#1"), received("k2", "#2")]).ok).toBe(false);
  });

  it("excuses only a post the killed instance sent before it died and another sent again after: once", () => {
    const outbox = [{ key: "k1", text: "#1", status: "sent" }];
    const at = (content: string, time: number) => ({ key: "k1", content, at: time });
    expect(noPostSentTwice(outbox, [at("#1", 10), at("#1", 30)], 20).ok).toBe(true);
    expect(noPostSentTwice(outbox, [at("#1", 10), at("#1", 15)], 20).ok).toBe(false);
    expect(noPostSentTwice(outbox, [at("#1", 25), at("#1", 30)], 20).ok).toBe(false);
    expect(noPostSentTwice(outbox, [at("#1", 10), at("#1", 30), at("#1", 40)], 20).ok).toBe(false);
    expect(noPostSentTwice(outbox, [at("#1", 10), at("#1", 30)]).ok).toBe(false);
  });

  it("reads job runs from pino lines, by their tick or else the second they started, and finds a tick run twice", () => {
    const line = (job: string, extra: object) => JSON.stringify({ level: 30, msg: "job finished", job, ...extra });
    const one = jobRunsOf("a", [
      line("reminders", { tick: "2026-12-06T10:00:02.000Z" }),
      "not json about jobs",
      line("reminders", { time: Date.parse("2026-12-06T10:00:04.350Z"), ms: 200 }),
    ]);
    expect(one.map((run) => run.tick)).toEqual(["2026-12-06T10:00:02.000Z", "2026-12-06T10:00:04.000Z"]);
    const other = jobRunsOf("b", [line("reminders", { tick: "2026-12-06T10:00:06.000Z" })]);
    expect(eachJobOncePerTick([...one, ...other], "reminders", 3).ok).toBe(true);
    expect(eachJobOncePerTick([...one, ...other], "reminders", 4).ok).toBe(false);
    const twice = jobRunsOf("b", [line("reminders", { tick: "2026-12-06T10:00:02.000Z" })]);
    expect(eachJobOncePerTick([...one, ...twice], "reminders", 1).detail).toContain("1 run by more than one instance (e.g. 2026-12-06T10:00:02.000Z: a, b)");
  });

  it("finds an instance that saw the organisation change late, or never", () => {
    expect(
      organisationChangeSeen(
        new Map([
          ["b", 120],
          ["c", 900],
        ]),
        1000,
      ).ok,
    ).toBe(true);
    expect(
      organisationChangeSeen(
        new Map([
          ["b", 120],
          ["c", 1400],
        ]),
        1000,
      ).ok,
    ).toBe(false);
    expect(organisationChangeSeen(new Map([["b", null]]), 1000).ok).toBe(false);
    expect(organisationChangeSeen(new Map(), 1000).ok).toBe(false);
  });
});
