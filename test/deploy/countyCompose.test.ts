import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { CORE_SCHEMA, load, mergeTag } from "js-yaml";
import { describe, expect, it } from "vitest";

/** deploy/county: what a county's two instances must share, read from the files an operator runs. */
const ROOT = path.resolve(import.meta.dirname, "../..");
const COUNTY = path.join(ROOT, "deploy/county");

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  command?: string[];
}

// Merge keys (`<<: *bot`), as Docker Compose reads them.
const compose = load(readFileSync(path.join(COUNTY, "compose.yaml"), "utf8"), { schema: CORE_SCHEMA.withTags(mergeTag) }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const nginx = readFileSync(path.join(COUNTY, "nginx.conf"), "utf8");
const envExample = readFileSync(path.join(COUNTY, "env.example"), "utf8");
const services = compose.services;
const built = Object.entries(services).filter(([, service]) => service.build);
/** The bot instances; every check below is over both, and fails rather than passes when there are none. */
const bots = built.length === 2 ? built : [["bot-1", {}] as [string, Service], ["bot-2", {}] as [string, Service]];

describe("deploy/county/compose.yaml", () => {
  it("runs two bot instances built from the repository's Dockerfile", () => {
    expect(built.map(([name]) => name)).toEqual(["bot-1", "bot-2"]);
    for (const [, service] of bots) expect(existsSync(path.join(COUNTY, service.build!.context, service.build!.dockerfile))).toBe(true);
  });

  it("points both instances at the one PostgreSQL database of the compose file", () => {
    const urls = bots.map(([, service]) => service.environment?.DATABASE_URL);
    expect(new Set(urls).size).toBe(1);
    expect(urls[0]).toMatch(/^postgresql:\/\/yishi:[^@]+@postgres:5432\/yishi$/);
    expect(services.postgres?.image).toMatch(/^postgres:15/);
    for (const [, service] of bots) expect(service.depends_on?.postgres?.condition).toBe("service_healthy");
  });

  it("sets PostgreSQL's time zone", () => {
    expect(services.postgres?.environment?.TZ).toBeTruthy();
    expect(services.postgres?.command?.join(" ")).toMatch(/timezone=/);
  });

  it("requires ADMIN_TOKEN and the link secret, the same on both instances", () => {
    for (const variable of ["ADMIN_TOKEN", "ATTACHMENT_LINK_SECRET"]) {
      const values = bots.map(([, service]) => service.environment?.[variable]);
      expect(new Set(values).size, variable).toBe(1);
      // ${VAR:?…}: compose refuses to start when it is unset or empty, rather than each instance making up its own.
      expect(values[0], variable).toMatch(new RegExp(`^\\$\\{${variable}:\\?`));
    }
  });

  it("keeps the pictures in the database both instances share (no ATTACHMENT_DIR of one container's own)", () => {
    for (const [, service] of bots) {
      expect(service.environment?.ATTACHMENT_DIR).toBeUndefined();
      expect(service.volumes ?? []).toEqual([]);
    }
  });

  it("checks each instance's health on /readyz, on the port it listens on", () => {
    for (const [, service] of bots) {
      expect(service.healthcheck?.test.join(" ")).toContain(`127.0.0.1:${service.environment?.PORT}/readyz`);
    }
  });

  it("puts nginx in front of both instances, its upstream listing each on its port", () => {
    expect(services.nginx?.volumes).toContain("./nginx.conf:/etc/nginx/conf.d/default.conf:ro");
    const upstream = /upstream\s+(\w+)\s*\{([^}]*)\}/.exec(nginx);
    expect(upstream).not.toBeNull();
    const servers = [...upstream![2]!.matchAll(/^\s*server\s+([\w.-]+:\d+)/gm)].map((match) => match[1]);
    expect(servers).toEqual(bots.map(([name, service]) => `${name}:${service.environment?.PORT}`));
    expect(nginx).toContain(`proxy_pass http://${upstream![1]};`);
    for (const [name] of bots) expect(services.nginx?.depends_on?.[name]?.condition).toBe("service_healthy");
  });

  it("names in env.example every variable the compose file takes from .env", () => {
    const taken = new Set([...readFileSync(path.join(COUNTY, "compose.yaml"), "utf8").matchAll(/\$\{(\w+)/g)].map((match) => match[1]!));
    const named = new Set([...envExample.matchAll(/^#?\s*(\w+)=/gm)].map((match) => match[1]!));
    expect([...taken].filter((variable) => !named.has(variable))).toEqual([]);
  });

  it("leaves the demo and the sandbox off", () => {
    for (const [, service] of bots) expect(service.environment).toMatchObject({ DEMO_SEED: "false", SANDBOX_ENABLED: "false" });
  });
});

describe("the Dockerfile", () => {
  it("lets the unprivileged user write ./data, where the bot on PostgreSQL announces itself", () => {
    expect(readFileSync(path.join(ROOT, "Dockerfile"), "utf8")).toMatch(/mkdir -p [^\n]*\/app\/data[^\n]*&& chown node:node [^\n]*\/app\/data/);
  });
});
