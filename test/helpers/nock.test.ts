import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nock, switchNockOff, switchNockOn } from "./nock.ts";

/** What the test's server answers, and what nock answers when it intercepts the same address. */
const REAL = "from the server";
const INTERCEPTED = "from nock";

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((_request, response) => response.end(REAL));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  switchNockOff();
  await new Promise((resolve) => server.close(resolve));
});

/** The body of a GET through `import { request } from "node:http"`, as src/ and the tests' own clients send it. */
function getByRequest(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve(body));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

async function getByFetch(url: string): Promise<string> {
  return (await fetch(url)).text();
}

describe("nock is on only between switchNockOn and switchNockOff", () => {
  it("is off once the helper is loaded: a scope for the server's address is not used", async () => {
    expect(nock.isActive()).toBe(false);
    nock(origin).get("/").reply(200, INTERCEPTED);
    expect(await getByRequest(`${origin}/`)).toBe(REAL);
    expect(await getByFetch(`${origin}/`)).toBe(REAL);
    switchNockOff();
  });

  it("intercepts node:http's request and fetch when on, and neither after it is off again", async () => {
    switchNockOn();
    nock(origin).get("/").times(2).reply(200, INTERCEPTED);
    expect(await getByRequest(`${origin}/`)).toBe(INTERCEPTED);
    expect(await getByFetch(`${origin}/`)).toBe(INTERCEPTED);

    switchNockOff();
    expect(nock.isActive()).toBe(false);
    expect(await getByRequest(`${origin}/`)).toBe(REAL);
    expect(await getByFetch(`${origin}/`)).toBe(REAL);
  });

  it("can be switched on again after it was off, as the next file that uses it does", async () => {
    switchNockOn();
    switchNockOn();
    nock(origin).get("/").reply(200, INTERCEPTED);
    expect(await getByRequest(`${origin}/`)).toBe(INTERCEPTED);
    switchNockOff();
    expect(await getByRequest(`${origin}/`)).toBe(REAL);
  });
});
