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
  signOut: () => call("DELETE", "/session"),
  tickets: (query) => call("GET", `/tickets?${query}`),
  handlers: () => call("GET", "/handlers"),
  ticket: (number) => call("GET", `/tickets/${number}`),
  act: (number, action) => call("POST", `/tickets/${number}/actions`, action),
  bulk: (body) => call("POST", "/tickets/bulk", body),
  stats: (query) => call("GET", `/stats?${query}`),
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
