/**
 * A budget of request bytes being received and handled at once, for a route anyone may call: a request
 * reserves its declared length before its body is read and gives it back when answered. Each byte of a
 * JSON body is held several times over while it is read, parsed and decoded, so this bounds the memory of
 * a burst, where a per-request limit alone does not.
 */
export class BytesInFlight {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Reserves `bytes`, or answers null when they would take the total past the limit. */
  reserve(bytes: number): (() => void) | null {
    if (this.used + bytes > this.limit) return null;
    this.used += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= bytes;
    };
  }
}
