import nock from "nock";
import { afterEach, beforeEach } from "vitest";

/** Every outbound call in the file must be intercepted; only the test's own server on loopback is reachable. */
export function interceptOutboundHttp(): void {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}
