import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import path from "node:path";

/** One server process of the run: its port, the child while it lives, and every stdout line of all its lives. */
export interface Instance {
  name: string;
  port: number;
  child: ChildProcess | undefined;
  lines: string[];
  starts: number;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Server processes on one database (`node dist/main.js`, built by `npm run build`), each on its own port and
 * with the same environment otherwise, as behind a load balancer.
 */
export class Instances {
  readonly all: Instance[];

  constructor(
    ports: readonly number[],
    private readonly env: Record<string, string>,
  ) {
    this.all = ports.map((port, i) => ({ name: `instance-${i + 1}`, port, child: undefined, lines: [], starts: 0 }));
  }

  start(instance: Instance): void {
    const child = spawn(process.execPath, ["--enable-source-maps", path.join(ROOT, "dist/main.js")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", ...this.env, PORT: String(instance.port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    instance.child = child;
    instance.starts++;
    for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on("line", (line) => instance.lines.push(line));
  }

  startAll(): void {
    for (const instance of this.all) this.start(instance);
  }

  /** Answers once /readyz says ready, or throws after `withinMs` with what the process printed last. */
  async ready(instance: Instance, withinMs = 60_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline) {
      if (instance.child && (instance.child.exitCode !== null || instance.child.signalCode !== null)) break;
      const response = await fetch(`http://127.0.0.1:${instance.port}/readyz`).catch(() => null);
      if (response?.ok) return;
      await response?.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${instance.name} is not ready (exit ${instance.child?.exitCode ?? "—"}):\n${instance.lines.slice(-15).join("\n")}`);
  }

  /** SIGKILL: no drain, no last log line, connections cut, as a crash or an OOM kill. */
  async kill(instance: Instance): Promise<void> {
    const child = instance.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  /** SIGTERM to every process still running, then SIGKILL to those still there after `graceMs`. */
  async stopAll(graceMs = 15_000): Promise<void> {
    await Promise.all(
      this.all.map(async (instance) => {
        const child = instance.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
