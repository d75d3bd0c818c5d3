import { describe, expect, it } from "vitest";
import { PassLoop } from "../../src/outbox/passLoop.ts";

/** A pass that waits until the test lets it end. */
function gatedPasses() {
  const gates: (() => void)[] = [];
  let started = 0;
  const pass = () => {
    started++;
    return new Promise<void>((resolve) => gates.push(resolve));
  };
  const finishNext = async () => {
    gates.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { pass, finishNext, started: () => started };
}

describe("a worker's pass loop", () => {
  it("runs nothing on a nudge before it is started", () => {
    const passes = gatedPasses();
    const loop = new PassLoop(passes.pass, () => {});
    loop.nudge();
    expect(passes.started()).toBe(0);
  });

  it("never runs two passes at once: nudges during a pass make one more pass after it", async () => {
    const passes = gatedPasses();
    const loop = new PassLoop(passes.pass, () => {});
    loop.start(3_600_000);
    expect(passes.started()).toBe(1);
    loop.nudge();
    loop.nudge();
    expect(passes.started()).toBe(1);
    await passes.finishNext();
    expect(passes.started()).toBe(2);
    await passes.finishNext();
    expect(passes.started()).toBe(2);
    await loop.stop();
  });

  it("reports a failed pass and goes on", async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const loop = new PassLoop(
      () => {
        calls++;
        return calls === 1 ? Promise.reject(new Error("database gone")) : Promise.resolve();
      },
      (error) => errors.push(error),
    );
    loop.start(3_600_000);
    await new Promise((resolve) => setImmediate(resolve));
    loop.nudge();
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
    expect(calls).toBe(2);
    await loop.stop();
  });

  it("stops: the pass under way ends before stop resolves, and no nudge runs another", async () => {
    const passes = gatedPasses();
    const loop = new PassLoop(passes.pass, () => {});
    loop.start(3_600_000);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    expect(loop.stopped).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    await passes.finishNext();
    await stopping;
    loop.nudge();
    expect(passes.started()).toBe(1);
  });
});
