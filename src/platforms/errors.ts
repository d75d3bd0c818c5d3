/** A callback that must be refused: 401 for a bad signature or stale timestamp, 400 for a body we cannot read. */
export class CallbackRejected extends Error {
  constructor(
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message);
    this.name = "CallbackRejected";
  }
}
