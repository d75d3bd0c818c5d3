import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Why the port could not be had, in the words an operator reads, or undefined for another failure. */
export function portTakenMessage(error: unknown, port: number): string | undefined {
  if ((error as { code?: string }).code !== "EADDRINUSE") return undefined;
  return `端口 ${port} 已被占用：可能已有一个议事助手在运行。要再开一个，请换个端口，例如 PORT=${port + 1} npm start。`;
}

/**
 * Takes the port before anything else happens, so that a second start while one runs stops at once and
 * changes nothing (no migration, no new admin token). Until `serve` attaches the app, requests get 503.
 */
export async function listenEarly(port: number, host: string): Promise<{ server: Server; serve: (handler: Handler) => void }> {
  let handler: Handler = (_request, response) => {
    response.writeHead(503, { "content-type": "application/json", "retry-after": "1" });
    response.end(JSON.stringify({ status: "starting" }));
  };
  const server = createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, serve: (next) => (handler = next) };
}
