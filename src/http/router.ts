import Router from "@koa/router";

/**
 * Every router of the app matches one way: letter case and a trailing slash count, so a route has one
 * spelling. Anything else (`/API/tickets`, `/api/tickets/`, `/api/%74ickets`, `//api/tickets`) is no route
 * at all, and a check that sits on the route (the admin token: auth.ts) cannot be stepped around by the
 * spelling of its path.
 */
export function createRouter(prefix?: string): Router {
  return new Router({ sensitive: true, strict: true, ...(prefix ? { prefix } : {}) });
}
