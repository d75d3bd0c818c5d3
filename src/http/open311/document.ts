import packageJson from "../../../package.json" with { type: "json" };
import { DEFAULT_PAGE_SIZE, MAX_DESCRIPTION, MAX_IDS, MAX_PAGE_SIZE } from "./input.ts";
import { FORMATS } from "./format.ts";

type Json = Record<string, unknown>;

const text = { type: "string" };
const service: Json = {
  type: "object",
  required: ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
  properties: {
    service_code: { type: "string", examples: ["repair"] },
    service_name: { type: "string", examples: ["物业维修"] },
    description: text,
    metadata: { type: "boolean", const: false },
    type: { type: "string", const: "realtime" },
    keywords: { type: "string", description: "comma-separated" },
    group: text,
  },
};
const request: Json = {
  type: "object",
  required: [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
  ],
  properties: {
    service_request_id: { type: "string", description: "the ticket number residents see (工单 #N)", examples: ["12"] },
    status: { type: "string", enum: ["open", "closed"] },
    status_notes: { type: "string", description: "our own status and outcome, in Chinese", examples: ["已办结（已解决）：已更换灯泡"] },
    service_name: text,
    service_code: text,
    description: { type: "string", description: "the resident's words, phone numbers masked (138****5678)" },
    agency_responsible: { type: "string", description: "the unit handling it now" },
    service_notice: text,
    requested_datetime: { type: "string", format: "date-time" },
    updated_datetime: { type: "string", format: "date-time" },
    expected_datetime: { type: "string", format: "date-time", description: "the deadline to resolve it" },
    address: { type: "string", description: "estate and building, never a flat", examples: ["阳光花园3号楼2单元"] },
    address_id: text,
    zipcode: text,
    media_url: { type: "string", description: "always empty: photos are not given out" },
  },
};
const filed: Json = {
  type: "object",
  required: ["service_request_id", "service_notice"],
  properties: {
    service_request_id: text,
    service_notice: { type: "string", description: "what the resident would read in the chat: the urgency advice first, then the next steps" },
    account_id: text,
  },
};
const error: Json = {
  type: "object",
  required: ["code", "description"],
  properties: { code: { type: "integer", examples: [403] }, description: { type: "string", examples: ["api_key 无效或已停用"] } },
};

const list = (item: string) => ({ type: "array", items: { $ref: `#/components/schemas/${item}` } });
const KEY_PARAMETER = { name: "api_key", in: "query", required: false, description: "the client's key (or the X-Api-Key header)", schema: text };

function answers(format: string, ok: [string, string, string], errors: Record<string, string>): Json {
  const media = format === "json" ? "application/json" : "application/xml";
  const body = (schema: Json) => ({ [media]: { schema: format === "json" ? schema : { type: "string", description: "the same, as GeoReport v2 XML" } } });
  const [status, description, item] = ok;
  return {
    [status]: { description, content: body(list(item)) },
    ...Object.fromEntries(Object.entries(errors).map(([code, meaning]) => [code, { description: meaning, content: body(list("Error")) }])),
  };
}

/** The Open311 GeoReport v2 API as an OpenAPI 3.1 document (GET /open311/v2/openapi.json). */
export function open311Document(): Json {
  const paths: Record<string, Json> = {};
  for (const format of FORMATS) {
    paths[`/open311/v2/services.${format}`] = {
      get: {
        operationId: `services${format.toUpperCase()}`,
        summary: "Our categories as services",
        security: [],
        responses: answers(format, ["200", "the services", "Service"], {}),
      },
    };
    paths[`/open311/v2/requests.${format}`] = {
      get: {
        operationId: `requests${format.toUpperCase()}`,
        summary: "Service requests of the key's units, newest first",
        description: `Paged by \`page\` and \`page_size\` (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}); the answer's headers X-Total-Count and Link (rel="next", rel="prev") say where the rest is. Without start_date or end_date, the last 90 days.`,
        parameters: [
          KEY_PARAMETER,
          {
            name: "service_request_id",
            in: "query",
            required: false,
            description: `comma list, at most ${MAX_IDS}; the other filters are then ignored`,
            schema: text,
          },
          { name: "service_code", in: "query", required: false, description: "comma list", schema: text },
          { name: "status", in: "query", required: false, schema: { type: "string", enum: ["open", "closed"] } },
          { name: "start_date", in: "query", required: false, description: "W3C date-time; without an offset, the deployment's TZ", schema: text },
          { name: "end_date", in: "query", required: false, schema: text },
          { name: "page", in: "query", required: false, schema: { type: "integer", minimum: 1, default: 1 } },
          { name: "page_size", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE } },
          { name: "jurisdiction_id", in: "query", required: false, description: "accepted and ignored: one jurisdiction", schema: text },
        ],
        responses: answers(format, ["200", "the requests", "Request"], {
          "400": "a parameter is not valid, or not one of these",
          "403": "no api_key, or not a live one",
          "429": "over the key's requests a minute (Retry-After)",
        }),
      },
      post: {
        operationId: `submit${format.toUpperCase()}`,
        summary: "File a report on a resident's behalf, through the chat's own intake",
        parameters: [KEY_PARAMETER],
        requestBody: {
          required: true,
          content: Object.fromEntries(
            ["application/x-www-form-urlencoded", "application/json"].map((media) => [
              media,
              {
                schema: {
                  type: "object",
                  required: ["service_code", "description"],
                  properties: {
                    api_key: text,
                    service_code: text,
                    description: { type: "string", maxLength: MAX_DESCRIPTION },
                    address_string: { type: "string", description: "where; names the estate unless `estate` does" },
                    estate: { type: "string", description: "extension: the estate's unit id or name" },
                    lat: { type: "number" },
                    long: { type: "number" },
                    first_name: text,
                    last_name: text,
                    phone: text,
                    email: text,
                    media_url: text,
                    address_id: text,
                    device_id: text,
                    account_id: text,
                    jurisdiction_id: text,
                  },
                },
              },
            ]),
          ),
        },
        responses: answers(format, ["201", "filed, or joined the open ticket of the same matter", "Filed"], {
          "400": "a field is missing or not valid, or the estate cannot be told",
          "403": "no api_key, or not a live one",
          "413": "body over BODY_LIMIT",
          "429": "over the key's requests a minute (Retry-After)",
        }),
      },
    };
    paths[`/open311/v2/requests/{id}.${format}`] = {
      get: {
        operationId: `request${format.toUpperCase()}`,
        summary: "One service request",
        parameters: [{ name: "id", in: "path", required: true, schema: text }, KEY_PARAMETER],
        responses: answers(format, ["200", "a list of the one request", "Request"], {
          "403": "no api_key, or not a live one",
          "404": "no such request within the key's units",
          "429": "over the key's requests a minute (Retry-After)",
        }),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "议事助手 Open311 GeoReport v2",
      version: packageJson.version,
      description:
        "GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over 议事助手's tickets. Each path in .json and .xml. Errors are a list of `{code, description}` (XML: `<errors><error>`), descriptions in Chinese.",
    },
    servers: [{ url: "/" }],
    security: [{ apiKeyQuery: [] }, { apiKeyHeader: [] }],
    paths,
    components: {
      securitySchemes: {
        apiKeyQuery: { type: "apiKey", in: "query", name: "api_key", description: "made by an operator: POST /api/open311/keys" },
        apiKeyHeader: { type: "apiKey", in: "header", name: "X-Api-Key" },
      },
      schemas: { Service: service, Request: request, Filed: filed, Error: error },
    },
  };
}
