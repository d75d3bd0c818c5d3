/**
 * A message that could not be stored (the database was busy, or handling failed): nothing of it was kept,
 * so the platform must be told to send it again (HTTP 503) rather than answered as if it had been heard.
 */
export class MessageNotStored extends Error {
  constructor(
    readonly messageId: string,
    options: { cause: unknown },
  ) {
    super(`message ${messageId} was not stored`, options);
    this.name = "MessageNotStored";
  }
}

/** A picture larger than the configured limit (ATTACHMENT_MAX_BYTES): not downloaded further, not kept. */
export class ImageTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`image exceeds ${maxBytes} bytes`);
    this.name = "ImageTooLarge";
  }
}
