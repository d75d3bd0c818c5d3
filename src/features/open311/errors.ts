/** A refusal an Open311 client reads: an HTTP status of the spec's (400, 403, 404, 429) and a Chinese description. */
export class Open311Refusal extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 429,
    description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(description);
    this.name = "Open311Refusal";
  }
}
