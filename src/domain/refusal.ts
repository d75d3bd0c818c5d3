/** A user-facing refusal: the command changes nothing and the user reads `message`. */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Refusal";
  }
}

/** The message names something that does not exist (group, user): the HTTP layer answers 404. */
export class NotFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFound";
  }
}
