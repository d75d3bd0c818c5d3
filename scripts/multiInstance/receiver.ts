import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One post as the fake platform received it: the robot's key (its group) and the words. */
export interface ReceivedPost {
  key: string;
  content: string;
  at: number;
}

/**
 * A stand-in for WeCom's message-push host on 127.0.0.1 (the bot's WECOM_API_BASE points here): it answers
 * every `POST /cgi-bin/webhook/send?key=…` with errcode 0 and records the post, so the run can tell a post
 * lost from one sent twice.
 */
export class FakePlatform {
  readonly posts: ReceivedPost[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const url = new URL(request.url ?? "/", "http://127.0.0.1");
        if (request.method !== "POST" || url.pathname !== "/cgi-bin/webhook/send") {
          response.writeHead(404).end();
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { text?: { content?: string } };
        this.posts.push({ key: url.searchParams.get("key") ?? "", content: body.text?.content ?? "", at: Date.now() });
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errcode: 0, errmsg: "ok" }));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
