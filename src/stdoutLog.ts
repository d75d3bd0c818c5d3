import { write } from "node:fs";
import type { DestinationStream } from "pino";

/**
 * The server's log destination: JSON lines to stdout that never hold the process up. pino's own stdout
 * destination flushes synchronously when the process exits and retries that flush for ever once stdout's
 * reader has gone (`node dist/main.js | head -2`: EPIPE), so a shutdown hung; and a reader that stops reading
 * would block a synchronous write. Here every write is asynchronous, one at a time; lines wait in a bounded
 * queue (beyond it they are dropped and counted); a reader that has gone turns the log into a sink; and
 * `flush` waits for the queue no longer than it is told.
 */
export class StdoutLog implements DestinationStream {
  /** Lines dropped: the queue was full (a reader not reading) or stdout is gone. */
  dropped = 0;
  private queue: string[] = [];
  private queuedBytes = 0;
  private writing = false;
  private gone = false;
  private readonly idle = new Set<() => void>();

  constructor(
    private readonly fd = 1,
    private readonly maxQueuedBytes = 4 * 1024 * 1024,
  ) {}

  write(line: string): void {
    if (this.gone || this.queuedBytes + line.length > this.maxQueuedBytes) {
      this.dropped++;
      return;
    }
    this.queue.push(line);
    this.queuedBytes += line.length;
    if (!this.writing) this.writeNext();
  }

  /** Resolves once the lines written so far are out, stdout is gone, or `withinMs` has passed. */
  flush(withinMs: number): Promise<void> {
    if (!this.writing) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idle.delete(done);
        resolve();
      };
      const timer = setTimeout(done, withinMs);
      this.idle.add(done);
    });
  }

  private writeNext(): void {
    if (this.gone || !this.queue.length) {
      this.writing = false;
      for (const done of [...this.idle]) done();
      return;
    }
    this.writing = true;
    const chunk = Buffer.from(this.queue.join(""));
    this.queue = [];
    this.queuedBytes = 0;
    this.writeFrom(chunk, 0);
  }

  private writeFrom(chunk: Buffer, offset: number): void {
    write(this.fd, chunk, offset, chunk.length - offset, null, (error, written) => {
      if (error?.code === "EAGAIN") {
        // A non-blocking stdout that is full: try again shortly, without holding the process up.
        setTimeout(() => this.writeFrom(chunk, offset), 20).unref();
        return;
      }
      if (error) {
        // EPIPE (the reader has gone) or any other failure of stdout: nothing more can be written there.
        this.gone = true;
        this.queue = [];
        this.queuedBytes = 0;
      } else if (offset + written < chunk.length) {
        this.writeFrom(chunk, offset + written);
        return;
      }
      this.writeNext();
    });
  }
}
