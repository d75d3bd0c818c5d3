/** The console's JSON API (/console/api): the session cookie travels by itself, the CSRF token in a header. */
let csrfToken = "";

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  const headers = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-console-csrf"] = csrfToken;
  const response = await fetch(`/console/api${path}`, {
    method,
    headers,
    credentials: "same-origin",
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data?.error?.message ?? `请求失败（${response.status}）`);
  return data;
}

export const api = {
  async signIn(token) {
    const data = await call("POST", "/session", { token });
    csrfToken = data.csrfToken;
  },
  async me() {
    const data = await call("GET", "/me");
    csrfToken = data.csrfToken;
    return data;
  },
  async platformSignIn(platform, code) {
    const data = await call("POST", "/session/platform", { platform, code });
    csrfToken = data.csrfToken;
  },
  signInMethods: () => call("GET", "/sign-in"),
  signOut: () => call("DELETE", "/session"),
  views: () => call("GET", "/views"),
  saveView: (name, filters) => call("POST", "/views", { name, filters }),
  renameView: (id, name) => call("PATCH", `/views/${id}`, { name }),
  deleteView: (id) => call("DELETE", `/views/${id}`),
  tickets: (query) => call("GET", `/tickets?${query}`),
  handlers: () => call("GET", "/handlers"),
  ticket: (number) => call("GET", `/tickets/${number}`),
  act: (number, action) => call("POST", `/tickets/${number}/actions`, action),
  bulk: (body) => call("POST", "/tickets/bulk", body),
  stats: (query) => call("GET", `/stats?${query}`),
  meetings: (query) => call("GET", `/meetings?${query}`),
  meeting: (number) => call("GET", `/meetings/${number}`),
  actOnMeeting: (number, action) => call("POST", `/meetings/${number}/actions`, action),
  points: (query) => call("GET", `/points?${query}`),
  rewards: (query) => call("GET", `/rewards?${query}`),
  addItem: (item) => call("POST", "/rewards/items", item),
  editItem: (id, fields) => call("POST", `/rewards/items/${id}`, fields),
  retireItem: (id) => call("POST", `/rewards/items/${id}/retire`, {}),
  itemHistory: (id) => call("GET", `/rewards/items/${id}/history`),
  handOverMembers: (query) => call("GET", `/rewards/hand-over-members?${query}`),
  actOnOrder: (code, action) => call("POST", `/rewards/orders/${encodeURIComponent(code)}/actions`, action),
  ledger: (memberId, query) => call("GET", `/points/members/${encodeURIComponent(memberId)}?${query}`),
  outbox: () => call("GET", "/operators/outbox"),
  groupOutbox: (groupId) => call("GET", `/operators/outbox/${encodeURIComponent(groupId)}`),
  retryGroup: (groupId) => call("POST", `/operators/outbox/${encodeURIComponent(groupId)}/retry`),
  webhooks: () => call("GET", "/operators/webhooks"),
  replayWebhookEvent: (eventId) => call("POST", `/operators/webhooks/events/${encodeURIComponent(eventId)}/replay`),
  groups: () => call("GET", "/operators/groups"),
  connections: () => call("GET", "/operators/connections"),
  staffStats: (query) => call("GET", `/stats/staff?${query}`),
};

/** The board's filters as a query string (empty values left out). */
export function queryOf(filters) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    params.set(key, Array.isArray(value) ? value.join(",") : value === true ? "1" : String(value));
  }
  return params.toString();
}

/** The board's filters of a query string, as a view keeps them (only the filters, none of the paging). */
export const FILTER_KEYS = ["unit", "status", "colour", "category", "handler", "overdue", "onBehalf", "hasPhotos", "q", "from", "to"];
export function filtersOf(params) {
  const filters = {};
  for (const key of FILTER_KEYS) if (params.get(key)) filters[key] = params.get(key);
  return filters;
}
/** Two sets of filters are the same view when they say the same, whatever the order. */
export function sameFilters(a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => (a[key] ?? "") === (b[key] ?? ""));
}
