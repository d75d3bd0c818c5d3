/**
 * Records the timers set from now on and which of them are still pending: a timeout that neither fired
 * nor was cleared, an interval not cleared. Each is named by the stack that set it, so a test can ask
 * about the timers one module set without counting the whole process's.
 */
export function trackTimers() {
  const pending = new Map<unknown, { kind: "timeout" | "interval"; stack: string }>();
  const original = { setTimeout, setInterval, clearTimeout, clearInterval };
  const track = (kind: "timeout" | "interval", handle: unknown) => {
    pending.set(handle, { kind, stack: new Error().stack ?? "" });
    return handle;
  };
  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle: unknown = original.setTimeout(
      (...given: unknown[]) => {
        pending.delete(handle);
        callback(...given);
      },
      ms,
      ...args,
    );
    return track("timeout", handle);
  }) as typeof setTimeout;
  globalThis.setInterval = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
    track("interval", original.setInterval(callback, ms, ...args))) as typeof setInterval;
  globalThis.clearTimeout = (handle?: Parameters<typeof clearTimeout>[0]) => {
    pending.delete(handle);
    original.clearTimeout(handle);
  };
  globalThis.clearInterval = (handle?: Parameters<typeof clearInterval>[0]) => {
    pending.delete(handle);
    original.clearInterval(handle);
  };
  return {
    /** The timers still pending whose setting stack passes through a file matching `from`. */
    pendingFrom: (from: RegExp) => [...pending.values()].filter((timer) => from.test(timer.stack)),
    restore: () => Object.assign(globalThis, original),
  };
}
