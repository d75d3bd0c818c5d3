import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FileServer {
  baseUrl: string;
  /** Serves `bytes` at `path` (or answers `status` with no body). */
  serve: (path: string, bytes: Uint8Array | null, status?: number) => string;
  /** Never answers at `path` (a file host that hangs). */
  hang: (path: string) => string;
  /** How many times each path was asked for. */
  hits: Map<string, number>;
  close: () => Promise<void>;
}

/** A stand-in for a platform's file host (WeCom's COS bucket, DingTalk's download URL), on 127.0.0.1. */
export async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, { bytes: Uint8Array | null; status: number }>();
  const hanging = new Set<string>();
  const held: import("node:http").ServerResponse[] = [];
  const hits = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (hanging.has(path)) {
      held.push(response);
      return;
    }
    const file = files.get(path);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(file.status, { "content-type": "application/octet-stream" }).end(file.bytes ? Buffer.from(file.bytes) : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    hits,
    serve(path, bytes, status = 200) {
      files.set(path, { bytes, status });
      return `${baseUrl}${path}`;
    },
    hang(path) {
      hanging.add(path);
      return `${baseUrl}${path}`;
    },
    close: () => {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
