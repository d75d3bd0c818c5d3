import { syncBuiltinESMExports } from "node:module";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

/**
 * nock, for the files that switch it on. Importing nock switches it on for the whole process, and a worker keeps
 * its modules from file to file (`isolate: false`), so a nock left on would pass every later file's requests to its
 * own server through nock's interceptors: the admin doors' 9,506 requests took 13–25 s instead of 4 s. It is off
 * from here on, and on only between the first and last test of a file that calls `useNock()`.
 */
switchNockOff();

export { nock };

/** nock on for this file's tests, off after the last of them; every interceptor is removed then. */
export function useNock(): void {
  beforeAll(switchNockOn);
  afterAll(switchNockOff);
}

/** nock on for this file, and every outbound call must be intercepted: only the test's own servers on loopback are reachable. */
export function interceptOutboundHttp(): void {
  useNock();
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

export function switchNockOn(): void {
  if (!nock.isActive()) nock.activate();
  // `import { request } from "node:http"` reads the function last synchronised into the ES module's exports.
  syncBuiltinESMExports();
}

export function switchNockOff(): void {
  nock.cleanAll();
  nock.enableNetConnect();
  if (nock.isActive()) nock.restore();
  syncBuiltinESMExports();
}
