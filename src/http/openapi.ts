import type Router from "@koa/router";
import { z } from "zod";
import packageJson from "../../package.json" with { type: "json" };
import { API_OPERATIONS, type ApiOperation } from "./apiSchemas.ts";
import { createRouter } from "./router.ts";
import { CONSOLE_OPERATIONS } from "./console/operations.ts";
import { OPEN311_KEY_OPERATIONS } from "./open311/keyRoutes.ts";
import { WEBHOOK_OPERATIONS } from "./webhookSchemas.ts";

/** Every documented operation: the admin API's and the staff console's. */
export const ALL_OPERATIONS: ApiOperation[] = [...API_OPERATIONS, ...OPEN311_KEY_OPERATIONS, ...WEBHOOK_OPERATIONS, ...CONSOLE_OPERATIONS];

type JsonSchema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

/** The JSON Schema of what a client sends (defaults make a field optional; transforms are not its business). */
function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input" }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodObject | undefined, where: "path" | "query"): Parameter[] {
  if (!schema) return [];
  const object = inputSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: where,
      required: where === "path" || (object.required ?? []).includes(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: propertySchema,
    };
  });
}

/** "/api/tickets/:number" → "/api/tickets/{number}" */
export function openApiPath(routerPath: string): string {
  return routerPath.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

const errorSchema: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string", examples: ["not_found"] }, message: { type: "string" } },
    },
  },
};

function operationObject(operation: ApiOperation): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  const statuses = {
    ...operation.responses,
    ...(operation.public || operation.auth === "none"
      ? {}
      : { "401": operation.auth === "console" ? "not signed in, or signed out after two idle hours" : "no valid admin token" }),
    ...(operation.body ? { "413": "body over BODY_LIMIT" } : {}),
  };
  for (const [status, description] of Object.entries(statuses).sort(([a], [b]) => a.localeCompare(b))) {
    const isError = Number(status) >= 400;
    const contentType = operation.successType ?? (operation.path.endsWith("/docs") ? "text/html" : "application/json");
    const successSchema =
      contentType === "application/json" ? { type: "object" } : contentType === "text/html" ? { type: "string" } : { type: "string", format: "binary" };
    responses[status] = {
      description,
      content: {
        [isError ? "application/json" : contentType]: {
          schema: isError ? { $ref: "#/components/schemas/Error" } : successSchema,
        },
      },
    };
  }
  const parameters = [...parametersOf(operation.params, "path"), ...parametersOf(operation.query, "query")];
  return {
    operationId: `${operation.method}${operation.path
      .replace(/^\/(console\/)?api/, (_, console?: string) => (console ? "/console" : ""))
      .split(/[/.]/)
      .filter(Boolean)
      .map((part) => part.replace(/^:/, "by-"))
      .map((part) => part.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase()))
      .join("")}`,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(operation.public || operation.auth === "none" ? { security: [] } : operation.auth === "console" ? { security: [{ consoleSession: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: inputSchema(operation.body) } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the admin API, generated from the schemas that validate it. */
export function openApiDocument(operations: ApiOperation[] = ALL_OPERATIONS): Record<string, unknown> {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of operations) {
    (paths[openApiPath(operation.path)] ??= {})[operation.method] = operationObject(operation);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "议事助手 admin API",
      version: packageJson.version,
      description:
        "Tickets, statistics, meetings, group bindings and roles, the outbox and the outbound webhooks of 议事助手 (yishi-bot), and the staff console's JSON under /console/api. Every admin operation but this documentation needs `Authorization: Bearer <ADMIN_TOKEN>`; the console's need its session cookie instead. Errors are `{ error: { code, message } }`.",
    },
    servers: [{ url: "/" }],
    security: [{ adminToken: [] }],
    paths,
    components: {
      securitySchemes: {
        adminToken: {
          type: "http",
          scheme: "bearer",
          description: "ADMIN_TOKEN (or, when it is unset, the token in the admin-token file of the instance that made it)",
        },
        consoleSession: {
          type: "apiKey",
          in: "cookie",
          name: "yishi_console",
          description: "The staff console's session (sign in with a link from 工作台); a change also sends the session's CSRF token in X-Console-Csrf",
        },
      },
      schemas: { Error: errorSchema },
    },
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);
/** `code` spans in the catalogue's prose. */
const prose = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");

function schemaSummary(schema: JsonSchema): string {
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push(schema.enum.map(String).join(" | "));
  else if (Array.isArray(schema.anyOf)) parts.push((schema.anyOf as JsonSchema[]).map(schemaSummary).join(" or "));
  else if (schema.type === "array" && schema.items) parts.push(`array of (${schemaSummary(schema.items as JsonSchema)})`);
  else if (typeof schema.type === "string") parts.push(schema.type);
  for (const [key, label] of [
    ["minimum", "≥"],
    ["maximum", "≤"],
    ["minLength", "length ≥"],
    ["maxLength", "length ≤"],
    ["minItems", "items ≥"],
    ["maxItems", "items ≤"],
    ["pattern", "matches"],
    ["default", "default"],
  ] as const) {
    if (schema[key] !== undefined && !(key === "maximum" && schema[key] === Number.MAX_SAFE_INTEGER)) parts.push(`${label} ${String(schema[key])}`);
  }
  return parts.join(", ");
}

/** A page to read the document with no script and nothing fetched from elsewhere. */
export function renderApiDocs(operations: ApiOperation[] = ALL_OPERATIONS): string {
  const sections = operations.map((operation) => {
    const parameters = [...parametersOf(operation.params, "path"), ...parametersOf(operation.query, "query")];
    const rows = parameters
      .map(
        (parameter) =>
          `<tr><td><code>${escapeHtml(parameter.name)}</code></td><td>${parameter.in}</td><td>${parameter.required ? "yes" : ""}</td><td>${escapeHtml(schemaSummary(parameter.schema))}</td><td>${escapeHtml(parameter.description ?? "")}</td></tr>`,
      )
      .join("");
    const body = operation.body ? inputSchema(operation.body) : undefined;
    const bodyRows = body
      ? Object.entries((body.properties ?? {}) as Record<string, JsonSchema>)
          .map(
            ([name, property]) =>
              `<tr><td><code>${escapeHtml(name)}</code></td><td>${((body.required ?? []) as string[]).includes(name) ? "yes" : ""}</td><td>${escapeHtml(schemaSummary(property))}</td><td>${escapeHtml(typeof property.description === "string" ? property.description : "")}</td></tr>`,
          )
          .join("")
      : "";
    const responses = Object.entries(operation.responses)
      .map(([status, description]) => `<li><b>${status}</b> ${prose(description)}</li>`)
      .join("");
    const id = `${operation.method}-${operation.path}`.replace(/[^A-Za-z0-9]+/g, "-");
    return `<section id="${id}">
<h2><span class="method ${operation.method}">${operation.method.toUpperCase()}</span> <code>${escapeHtml(operation.path)}</code></h2>
<p>${prose(operation.summary)}${operation.public ? " <em>(no token needed)</em>" : ""}</p>
${operation.description ? `<p>${prose(operation.description)}</p>` : ""}
${rows ? `<h3>Parameters</h3><table><tr><th>name</th><th>in</th><th>required</th><th>schema</th><th>meaning</th></tr>${rows}</table>` : ""}
${body ? `<h3>JSON body</h3><table><tr><th>field</th><th>required</th><th>schema</th><th>meaning</th></tr>${bodyRows}</table><details><summary>JSON Schema</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>` : ""}
<h3>Responses</h3><ul>${responses}</ul>
</section>`;
  });
  const index = operations
    .map(
      (operation) =>
        `<li><a href="#${`${operation.method}-${operation.path}`.replace(/[^A-Za-z0-9]+/g, "-")}"><span class="method ${operation.method}">${operation.method.toUpperCase()}</span> <code>${escapeHtml(operation.path)}</code></a> ${prose(operation.summary)}</li>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>议事助手 admin API</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
code, pre { font: 13px ui-monospace, monospace; } pre { background: #f5f5f5; padding: .75rem; overflow: auto; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
section { border-top: 1px solid #ccc; margin-top: 1.5rem; } ul.index { list-style: none; padding: 0; }
.method { display: inline-block; min-width: 3.5rem; font: bold 12px ui-monospace, monospace; color: #fff; background: #555; padding: .1rem .35rem; border-radius: 3px; text-align: center; }
.get { background: #2b6cb0; } .post { background: #2f855a; } .put { background: #b7791f; } .delete { background: #c53030; }
</style>
</head>
<body>
<h1>议事助手 admin API</h1>
<p>Every operation needs <code>Authorization: Bearer &lt;ADMIN_TOKEN&gt;</code> except this page and <a href="/api/openapi.json"><code>/api/openapi.json</code></a>, the same in OpenAPI 3.1.
Errors are <code>{"error":{"code","message"}}</code>; 401 without a valid token, 413 for a body over <code>BODY_LIMIT</code>.</p>
<ul class="index">${index}</ul>
${sections.join("\n")}
</body>
</html>
`;
}

/** GET /api/openapi.json and GET /api/docs: public, since they describe the API and hold no data. */
export function apiDocsRoutes(): Router {
  const router = createRouter();
  let document: string | undefined;
  let page: string | undefined;
  router.get("/api/openapi.json", (ctx) => {
    ctx.type = "json";
    ctx.body = document ??= JSON.stringify(openApiDocument(), null, 2);
  });
  router.get("/api/docs", (ctx) => {
    ctx.type = "html";
    ctx.body = page ??= renderApiDocs();
  });
  return router;
}
