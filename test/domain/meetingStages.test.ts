import { describe, expect, it } from "vitest";
import { followUpState, meetingStage, publicationState } from "../../src/domain/meetingStages.ts";

const start = new Date("2026-11-25T11:30:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe("a meeting's stage, its decisions' follow-up and their publication, as the console shows them", () => {
  it("is to come before its start, under way for its first three hours, held after, and cancelled whatever the time", () => {
    expect(meetingStage({ status: "scheduled", startsAt: start }, at(-1))).toBe("upcoming");
    expect(meetingStage({ status: "scheduled", startsAt: start }, at(0))).toBe("underway");
    expect(meetingStage({ status: "scheduled", startsAt: start }, at(179))).toBe("underway");
    expect(meetingStage({ status: "scheduled", startsAt: start }, at(180))).toBe("held");
    expect(meetingStage({ status: "cancelled", startsAt: start }, at(-60))).toBe("cancelled");
  });

  it("follows a decision from undecided to decided, overdue past its due date, and done however late", () => {
    expect(followUpState({ decision: null, dueAt: null, doneAt: null }, at(0))).toBe("undecided");
    expect(followUpState({ decision: "同意", dueAt: null, doneAt: null }, at(99_999))).toBe("decided");
    expect(followUpState({ decision: "同意", dueAt: at(60), doneAt: null }, at(59))).toBe("decided");
    expect(followUpState({ decision: "同意", dueAt: at(60), doneAt: null }, at(61))).toBe("overdue");
    expect(followUpState({ decision: "同意", dueAt: at(60), doneAt: at(600) }, at(601))).toBe("done");
  });

  it("says whether decisions wait to be published, or new ones came after the last 公示", () => {
    const decided = { decision: "同意", decidedAt: at(10) };
    expect(publicationState(null, [{ decision: null, decidedAt: null }])).toBe("none");
    expect(publicationState(null, [decided])).toBe("unpublished");
    expect(publicationState(at(20), [decided])).toBe("published");
    expect(publicationState(at(20), [decided, { decision: "再议", decidedAt: at(30) }])).toBe("partly");
  });
});
