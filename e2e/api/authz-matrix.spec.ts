// Authorization inventory and matrix (reliability checklist R12, SPEC §5).
//
// 1. Inventory: every HTTP method handler exported by an `app/**/route.ts` file must be classified
//    in REGISTRY below, and every REGISTRY entry must still exist — a new endpoint fails CI until
//    someone decides (and this file tests) who may call it.
// 2. Matrix: each admin endpoint is called anonymously, with an ordinary user's API token and
//    session cookie, with a suspended site admin's token, and with a site admin's token. Only the
//    site admin gets through; the ordinary user's 404 is indistinguishable from an endpoint that
//    does not exist (TFE convention), and none of the refused calls leaves a trace (resources and
//    audit log compared before and after). Self-service and SCIM endpoints get their own checks.
//
// This file runs in the parallel `api` project: it never changes site-wide settings (the SCIM and
// SAML settings writes are sent with invalid bodies, and DELETE /admin/scim-settings is never sent
// as an admin) and only creates and changes its own users, organizations and teams.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { apiAs, createAccount, createLocalUser, expect, signInViaApi, test, uniqueName } from "../fixtures";
import { E2E_BASE_URL, JSONAPI } from "../env";

// ---------------------------------------------------------------------------------------------
// The registry
// ---------------------------------------------------------------------------------------------

/** Concrete ids the matrix calls with (real resources, so a missing check would show). */
interface Targets {
  org: string;
  team: string;
  /** Deleted by the site admin's DELETE /teams/{id}. */
  doomedTeam: string;
  victim: string;
  /** Deleted by the site admin's DELETE /admin/users/{id}. */
  doomedUser: string;
  /** The ordinary user (the identity itself): it tries to join a team and grant itself the role. */
  nonAdmin: string;
  newOrg: string;
  newTeam: string;
  newUserEmail: string;
  renamedTeam: string;
}

interface Call {
  url: string;
  body?: unknown;
}

type Entry =
  | {
      kind: "admin";
      /** `asAdmin` is false for the refused identities (anonymous, ordinary user, suspended). */
      call: (t: Targets, asAdmin: boolean) => Call;
      /** What the site admin gets (status codes); any answer but 401/403/the generic 404 otherwise. */
      admin?: number | number[];
      /** Why the site admin's call is not sent (site-wide effect). */
      adminSkip?: string;
    }
  | { kind: "user"; call: (self: { id: string; tokenId: string }) => Call }
  | { kind: "scim"; url: string }
  | { kind: "public"; why: string; probe?: string }
  | { kind: "catch-all"; url: string };

const MADE_UP_UUID = "00000000-0000-4000-8000-00000000a117";
const MADE_UP_SCIM_TOKEN_ID = "at-authzmatrixnone";
const PASSWORD = "authz-matrix-password-1234";

const doc = (type: string, attributes: Record<string, unknown>) => ({ data: { type, attributes } });
const userRef = (id: string) => ({ data: [{ type: "users", id }] });
const scimCatchAll = "/scim/v2/[[...path]]";
const apiCatchAll = "/api/v2/[...rest]";
const scimUndecodable = "/scim/v2/undecodable-path";

const REGISTRY: Record<string, Entry> = {
  // --- public on purpose --------------------------------------------------------------------
  "GET /api/auth/[...nextauth]": { kind: "public", why: "Auth.js: session, CSRF token, providers, sign-in and sign-out pages" },
  "POST /api/auth/[...nextauth]": { kind: "public", why: "Auth.js: credentials callback and sign-out (Auth.js checks its CSRF token)" },
  "GET /api/health": { kind: "public", why: "load-balancer database ping", probe: "/api/health" },
  "GET /saml/metadata": { kind: "public", why: "SP metadata: identity providers fetch it without credentials", probe: "/saml/metadata" },
  "GET /saml/login": { kind: "public", why: "starts an SSO sign-in; its ?test=1 mode checks the site-admin role itself" },
  "POST /saml/acs": { kind: "public", why: "the IdP's cross-site POST; validated by the SAML response itself" },
  "GET /saml/finish": { kind: "public", why: "completes the sign-in with the sealed result and the browser's SSO cookie" },

  // --- 404 fallbacks --------------------------------------------------------------------------
  [`GET ${apiCatchAll}`]: { kind: "catch-all", url: "/api/v2/authz-matrix/no-such-endpoint" },
  [`POST ${apiCatchAll}`]: { kind: "catch-all", url: "/api/v2/authz-matrix/no-such-endpoint" },
  [`PATCH ${apiCatchAll}`]: { kind: "catch-all", url: "/api/v2/authz-matrix/no-such-endpoint" },
  [`PUT ${apiCatchAll}`]: { kind: "catch-all", url: "/api/v2/authz-matrix/no-such-endpoint" },
  [`DELETE ${apiCatchAll}`]: { kind: "catch-all", url: "/api/v2/authz-matrix/no-such-endpoint" },
  [`OPTIONS ${apiCatchAll}`]: { kind: "catch-all", url: "/api/v2/authz-matrix/no-such-endpoint" },

  // --- any signed-in, unsuspended user (self-service) ------------------------------------------
  "GET /api/v2/account/details": { kind: "user", call: () => ({ url: "/api/v2/account/details" }) },
  // Paths with a segment that does not decode reach this static route through proxy.ts: 401, else 404.
  ...Object.fromEntries(
    ["GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"].map((m) => [`${m} /api/v2/undecodable-path`, { kind: "user", call: () => ({ url: "/api/v2/admin/users/%FF" }) } as Entry]),
  ),
  "DELETE /api/v2/authentication-tokens/[id]": { kind: "user", call: (self) => ({ url: `/api/v2/authentication-tokens/${self.tokenId}` }) },
  "GET /api/v2/users/[id]/authentication-tokens": { kind: "user", call: (self) => ({ url: `/api/v2/users/${self.id}/authentication-tokens` }) },
  "POST /api/v2/users/[id]/authentication-tokens": {
    kind: "user",
    call: (self) => ({ url: `/api/v2/users/${self.id}/authentication-tokens`, body: doc("authentication-tokens", { description: "authz matrix" }) }),
  },

  // --- SCIM bearer token ---------------------------------------------------------------------
  ...Object.fromEntries(
    (
      [
        ["/scim/v2/Users", "/scim/v2/Users"],
        ["/scim/v2/Users/[id]", `/scim/v2/Users/${MADE_UP_UUID}`],
        ["/scim/v2/Groups", "/scim/v2/Groups"],
        ["/scim/v2/Groups/[id]", `/scim/v2/Groups/${MADE_UP_UUID}`],
      ] as const
    ).flatMap(([pattern, url]) => ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].map((m) => [`${m} ${pattern}`, { kind: "scim", url } as Entry])),
  ),
  // The catch-all serves discovery and every spelling the static routes do not (lower case, …).
  [`GET ${scimCatchAll}`]: { kind: "scim", url: "/scim/v2/ServiceProviderConfig" },
  [`POST ${scimCatchAll}`]: { kind: "scim", url: "/scim/v2/users" },
  [`PUT ${scimCatchAll}`]: { kind: "scim", url: `/scim/v2/groups/${MADE_UP_UUID}` },
  [`PATCH ${scimCatchAll}`]: { kind: "scim", url: `/scim/v2/users/${MADE_UP_UUID}` },
  [`DELETE ${scimCatchAll}`]: { kind: "scim", url: `/scim/v2/groups/${MADE_UP_UUID}` },
  [`OPTIONS ${scimCatchAll}`]: { kind: "scim", url: "/scim/v2/Schemas" },
  // Paths with a segment that does not decode reach this static route through proxy.ts.
  [`GET ${scimUndecodable}`]: { kind: "scim", url: "/scim/v2/Users/%FF" },
  [`POST ${scimUndecodable}`]: { kind: "scim", url: "/scim/v2/%ZZ" },
  [`PUT ${scimUndecodable}`]: { kind: "scim", url: "/scim/v2/Groups/100%" },
  [`PATCH ${scimUndecodable}`]: { kind: "scim", url: "/scim/v2/Users/%E0%A4%A" },
  [`DELETE ${scimUndecodable}`]: { kind: "scim", url: "/scim/v2/Groups/%C0" },
  [`OPTIONS ${scimUndecodable}`]: { kind: "scim", url: "/scim/v2/Users/%FF" },

  // --- site admins only ------------------------------------------------------------------------
  "GET /api/v2/admin/audit-events": { kind: "admin", call: () => ({ url: "/api/v2/admin/audit-events?page[size]=1" }), admin: 200 },
  "GET /api/v2/admin/saml-settings": { kind: "admin", call: () => ({ url: "/api/v2/admin/saml-settings" }), admin: 200 },
  // Site-wide: an invalid body, so that even the admin's call changes nothing.
  "PATCH /api/v2/admin/saml-settings": {
    kind: "admin",
    call: () => ({ url: "/api/v2/admin/saml-settings", body: doc("saml-settings", { enabled: "not-a-boolean" }) }),
    admin: 422,
  },
  "GET /api/v2/admin/scim-activity": { kind: "admin", call: () => ({ url: "/api/v2/admin/scim-activity?page[size]=1" }), admin: 200 },
  "GET /api/v2/admin/scim-groups/[id]": { kind: "admin", call: () => ({ url: `/api/v2/admin/scim-groups/${MADE_UP_UUID}` }), admin: 404 },
  "GET /api/v2/admin/scim-groups": { kind: "admin", call: () => ({ url: "/api/v2/admin/scim-groups?q=authz" }), admin: 200 },
  "GET /api/v2/admin/scim-settings": { kind: "admin", call: () => ({ url: "/api/v2/admin/scim-settings" }), admin: 200 },
  "PATCH /api/v2/admin/scim-settings": {
    kind: "admin",
    call: () => ({ url: "/api/v2/admin/scim-settings", body: doc("scim-settings", { paused: "not-a-boolean" }) }),
    admin: 422,
  },
  "DELETE /api/v2/admin/scim-settings": {
    kind: "admin",
    call: () => ({ url: "/api/v2/admin/scim-settings" }),
    adminSkip: "disables SCIM site-wide (revokes every SCIM token) under the specs running in parallel",
  },
  "GET /api/v2/admin/scim-tokens/[id]": { kind: "admin", call: () => ({ url: `/api/v2/admin/scim-tokens/${MADE_UP_SCIM_TOKEN_ID}` }), admin: 404 },
  "DELETE /api/v2/admin/scim-tokens/[id]": { kind: "admin", call: () => ({ url: `/api/v2/admin/scim-tokens/${MADE_UP_SCIM_TOKEN_ID}` }), admin: 404 },
  "GET /api/v2/admin/scim-tokens": { kind: "admin", call: () => ({ url: "/api/v2/admin/scim-tokens" }), admin: 200 },
  // A new SCIM token would show in other specs' token lists: an invalid expiry, so none is made.
  "POST /api/v2/admin/scim-tokens": {
    kind: "admin",
    call: () => ({ url: "/api/v2/admin/scim-tokens", body: doc("authentication-tokens", { description: "authz matrix", "expired-at": "not-a-date" }) }),
    admin: 422,
  },
  "POST /api/v2/admin/teams/[id]/scim-group-mapping": {
    kind: "admin",
    call: (t) => ({ url: `/api/v2/admin/teams/${t.team}/scim-group-mapping`, body: doc("scim-group-mappings", { "scim-group-id": MADE_UP_UUID }) }),
    admin: 404, // "SCIM group not found"
  },
  "DELETE /api/v2/admin/teams/[id]/scim-group-mapping": {
    kind: "admin",
    call: (t) => ({ url: `/api/v2/admin/teams/${t.team}/scim-group-mapping` }),
    admin: 409, // not linked
  },
  "PATCH /api/v2/admin/teams/[id]/scim-group-mapping": {
    kind: "admin",
    call: (t) => ({ url: `/api/v2/admin/teams/${t.team}/scim-group-mapping`, body: doc("scim-group-mapping", { "scim-sync-paused": true }) }),
    admin: 409, // not linked
  },
  "POST /api/v2/admin/users/[id]/actions/[action]": {
    kind: "admin",
    call: (t) => ({ url: `/api/v2/admin/users/${t.victim}/actions/suspend` }),
    admin: 200,
  },
  "GET /api/v2/admin/users/[id]": { kind: "admin", call: (t) => ({ url: `/api/v2/admin/users/${t.victim}` }), admin: 200 },
  "DELETE /api/v2/admin/users/[id]": {
    kind: "admin",
    call: (t, asAdmin) => ({ url: `/api/v2/admin/users/${asAdmin ? t.doomedUser : t.victim}` }),
    admin: 204,
  },
  // The refused identities try to make the ordinary user a site admin; the admin revokes a role
  // the victim does not hold (a no-op).
  "PATCH /api/v2/admin/users/[id]": {
    kind: "admin",
    call: (t, asAdmin) => ({ url: `/api/v2/admin/users/${asAdmin ? t.victim : t.nonAdmin}`, body: doc("users", { "is-site-admin": !asAdmin }) }),
    admin: 200,
  },
  "GET /api/v2/admin/users": { kind: "admin", call: () => ({ url: "/api/v2/admin/users?page[size]=1" }), admin: 200 },
  "POST /api/v2/admin/users": {
    kind: "admin",
    call: (t) => ({ url: "/api/v2/admin/users", body: doc("users", { email: t.newUserEmail, password: PASSWORD, "is-site-admin": false }) }),
    admin: 201,
  },
  "GET /api/v2/organizations/[name]": { kind: "admin", call: (t) => ({ url: `/api/v2/organizations/${t.org}` }), admin: 200 },
  "GET /api/v2/organizations/[name]/teams": { kind: "admin", call: (t) => ({ url: `/api/v2/organizations/${t.org}/teams` }), admin: 200 },
  "POST /api/v2/organizations/[name]/teams": {
    kind: "admin",
    call: (t) => ({ url: `/api/v2/organizations/${t.org}/teams`, body: doc("teams", { name: t.newTeam }) }),
    admin: 201,
  },
  "GET /api/v2/organizations": { kind: "admin", call: () => ({ url: "/api/v2/organizations?page[size]=1" }), admin: 200 },
  "POST /api/v2/organizations": {
    kind: "admin",
    call: (t) => ({ url: "/api/v2/organizations", body: doc("organizations", { name: t.newOrg, email: "authz@example.com" }) }),
    admin: 201,
  },
  "POST /api/v2/teams/[id]/relationships/users": {
    kind: "admin",
    call: (t) => ({ url: `/api/v2/teams/${t.team}/relationships/users`, body: userRef(t.nonAdmin) }),
    admin: 204,
  },
  "DELETE /api/v2/teams/[id]/relationships/users": {
    kind: "admin",
    call: (t) => ({ url: `/api/v2/teams/${t.team}/relationships/users`, body: userRef(t.nonAdmin) }),
    admin: 204,
  },
  "GET /api/v2/teams/[id]": { kind: "admin", call: (t) => ({ url: `/api/v2/teams/${t.team}` }), admin: 200 },
  "PATCH /api/v2/teams/[id]": {
    kind: "admin",
    call: (t) => ({ url: `/api/v2/teams/${t.team}`, body: doc("teams", { name: t.renamedTeam }) }),
    admin: 200,
  },
  "DELETE /api/v2/teams/[id]": { kind: "admin", call: (t, asAdmin) => ({ url: `/api/v2/teams/${asAdmin ? t.doomedTeam : t.team}` }), admin: 204 },

  // --- methods an endpoint does not serve (lib/http/method-not-allowed.ts) -----------------------
  // Guarded like the endpoint: refused identities get its 401/404, a site admin a JSON:API 405.
  ...Object.fromEntries(
    (
      [
        ["/api/v2/admin/teams/[id]/scim-group-mapping", ["GET", "PUT", "OPTIONS"], (t) => `/api/v2/admin/teams/${t.team}/scim-group-mapping`],
        ["/api/v2/admin/scim-activity", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"], () => "/api/v2/admin/scim-activity"],
        ["/api/v2/admin/users", ["PUT", "PATCH", "DELETE", "OPTIONS"], () => "/api/v2/admin/users"],
        ["/api/v2/admin/users/[id]", ["POST", "PUT", "OPTIONS"], (t) => `/api/v2/admin/users/${t.victim}`],
        ["/api/v2/admin/users/[id]/actions/[action]", ["GET", "PUT", "PATCH", "DELETE", "OPTIONS"], (t) => `/api/v2/admin/users/${t.victim}/actions/suspend`],
        ["/api/v2/admin/audit-events", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"], () => "/api/v2/admin/audit-events"],
        ["/api/v2/admin/saml-settings", ["POST", "PUT", "DELETE", "OPTIONS"], () => "/api/v2/admin/saml-settings"],
        ["/api/v2/admin/scim-settings", ["POST", "PUT", "OPTIONS"], () => "/api/v2/admin/scim-settings"],
        ["/api/v2/admin/scim-tokens", ["PUT", "PATCH", "DELETE", "OPTIONS"], () => "/api/v2/admin/scim-tokens"],
        ["/api/v2/admin/scim-tokens/[id]", ["POST", "PUT", "PATCH", "OPTIONS"], () => `/api/v2/admin/scim-tokens/${MADE_UP_SCIM_TOKEN_ID}`],
        ["/api/v2/admin/scim-groups", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"], () => "/api/v2/admin/scim-groups"],
        ["/api/v2/admin/scim-groups/[id]", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"], () => `/api/v2/admin/scim-groups/${MADE_UP_UUID}`],
        ["/api/v2/teams/[id]/relationships/users", ["GET", "PUT", "PATCH", "OPTIONS"], (t) => `/api/v2/teams/${t.team}/relationships/users`],
        ["/api/v2/teams/[id]", ["POST", "PUT", "OPTIONS"], (t) => `/api/v2/teams/${t.team}`],
        ["/api/v2/organizations", ["PUT", "PATCH", "DELETE", "OPTIONS"], () => "/api/v2/organizations"],
        ["/api/v2/organizations/[name]/teams", ["PUT", "PATCH", "DELETE", "OPTIONS"], (t) => `/api/v2/organizations/${t.org}/teams`],
        ["/api/v2/organizations/[name]", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"], (t) => `/api/v2/organizations/${t.org}`],
      ] as [string, string[], (t: Targets) => string][]
    ).flatMap(([pattern, methods, url]) => methods.map((m) => [`${m} ${pattern}`, { kind: "admin", call: (t: Targets) => ({ url: url(t) }), admin: 405 } as Entry])),
  ),
  ...Object.fromEntries(
    (
      [
        ["/api/v2/users/[id]/authentication-tokens", ["PUT", "PATCH", "DELETE", "OPTIONS"], (self) => `/api/v2/users/${self.id}/authentication-tokens`],
        ["/api/v2/account/details", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"], () => "/api/v2/account/details"],
        ["/api/v2/authentication-tokens/[id]", ["GET", "POST", "PUT", "PATCH", "OPTIONS"], (self) => `/api/v2/authentication-tokens/${self.tokenId}`],
      ] as [string, string[], (self: { id: string; tokenId: string }) => string][]
    ).flatMap(([pattern, methods, url]) => methods.map((m) => [`${m} ${pattern}`, { kind: "user", call: (self: { id: string; tokenId: string }) => ({ url: url(self) }) } as Entry])),
  ),
};

// ---------------------------------------------------------------------------------------------
// The inventory: app/**/route.* → "METHOD /url/pattern"
// ---------------------------------------------------------------------------------------------

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const ROUTE_FILE = /^route\.(ts|tsx|js|jsx|mjs)$/;

function repoRoot() {
  const configFile = test.info().config.configFile;
  return configFile ? path.dirname(configFile) : process.cwd();
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    // Folders starting with "_" are private: never routed.
    if (d.isDirectory()) return d.name.startsWith("_") ? [] : routeFiles(full);
    return ROUTE_FILE.test(d.name) ? [full] : [];
  });
}

/** The URL pattern of a route file: route groups "(x)" and slots "@x" are not URL segments. */
function urlPattern(appDir: string, file: string) {
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

/**
 * Every name a module exports, read from its syntax: `export const GET = …`,
 * `export const { GET, POST } = …`, `export [async] function GET(…)`, `export { x as GET }` and
 * `export { GET } from "…"`. What cannot be read that way (`export *`, `export default`) is a problem.
 */
function exportedNames(file: string): { names: string[]; problems: string[] } {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const names: string[] = [];
  const problems: string[] = [];
  const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly) continue;
      const clause = statement.exportClause;
      if (!clause) problems.push(`${file}: "export * from" hides which handlers it exports; name them`);
      else if (ts.isNamespaceExport(clause)) names.push(clause.name.text);
      else for (const el of clause.elements) if (!el.isTypeOnly) names.push(el.name.text);
    } else if (ts.isExportAssignment(statement)) {
      problems.push(`${file}: a default export is not a route handler`);
    } else if (isExported(statement)) {
      if (isDefault(statement)) problems.push(`${file}: a default export is not a route handler`);
      else if (ts.isVariableStatement(statement)) names.push(...statement.declarationList.declarations.flatMap((d) => bindingNames(d.name)));
      else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.push(statement.name.text);
    }
  }
  return { names, problems };
}

function inventory() {
  const appDir = path.join(repoRoot(), "app");
  const entries: string[] = [];
  const problems: string[] = [];
  for (const file of routeFiles(appDir)) {
    const found = exportedNames(file);
    problems.push(...found.problems);
    for (const name of found.names) if (HTTP_METHODS.has(name)) entries.push(`${name} ${urlPattern(appDir, file)}`);
  }
  return { entries: entries.sort(), problems };
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

type Playwright = Parameters<typeof createAccount>[0];
type ErrorObject = { status: string; title?: string; detail?: string };

const entriesOf = <K extends Entry["kind"]>(kind: K) =>
  Object.entries(REGISTRY).filter((e): e is [string, Extract<Entry, { kind: K }>] => e[1].kind === kind);

const methodOf = (key: string) => key.slice(0, key.indexOf(" "));

async function send(ctx: APIRequestContext, method: string, call: Call, headers: Record<string, string> = {}) {
  return ctx.fetch(call.url, {
    method,
    headers: call.body === undefined ? headers : { "Content-Type": JSONAPI, ...headers },
    data: call.body === undefined ? undefined : JSON.stringify(call.body),
    maxRedirects: 0,
  });
}

async function firstError(res: APIResponse): Promise<ErrorObject | null> {
  try {
    const body = (await res.json()) as { errors?: ErrorObject[] };
    const e = body.errors?.[0];
    return e ? { status: e.status, title: e.title, detail: e.detail } : null;
  } catch {
    return null;
  }
}

/** A JSON:API 401 as the admin API answers it: content type, error status, WWW-Authenticate. */
async function expect401(res: APIResponse, label: string) {
  expect.soft(res.status(), `${label}: status`).toBe(401);
  if (res.status() !== 401) return;
  expect.soft(res.headers()["content-type"], `${label}: content type`).toBe(JSONAPI);
  expect.soft(res.headers()["www-authenticate"] ?? "", `${label}: WWW-Authenticate`).toMatch(/^Bearer/);
  expect.soft((await firstError(res))?.status, `${label}: errors[0].status`).toBe("401");
}

/** Users, teams and organizations as the site admin sees them, without the SCIM attributes (SCIM
 * may be switched on or off by the specs running in parallel). */
function normalize(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(normalize);
  if (data && typeof data === "object") {
    return Object.fromEntries(
      Object.entries(data as Record<string, unknown>)
        .filter(([k]) => !/^(is-)?scim-/.test(k))
        .map(([k, v]) => [k, normalize(v)]),
    );
  }
  return data;
}

async function snapshot(api: APIRequestContext, t: Targets, people: string[]) {
  const read = async (url: string) => {
    const res = await api.get(url);
    expect(res.status(), `${url}: ${res.status()}`).toBeLessThan(500);
    const body = (await res.json()) as { data?: unknown; meta?: { pagination?: { "total-count"?: number } } };
    return { status: res.status(), data: normalize(body.data ?? null), total: body.meta?.pagination?.["total-count"] ?? null };
  };
  const urls = [
    `/api/v2/admin/users/${t.victim}`,
    `/api/v2/admin/users/${t.doomedUser}`,
    `/api/v2/admin/users/${t.nonAdmin}`,
    `/api/v2/admin/users?q=${encodeURIComponent(t.newUserEmail)}`,
    `/api/v2/organizations/${t.org}`,
    `/api/v2/organizations/${t.org}/teams?page[size]=100`,
    `/api/v2/organizations/${t.newOrg}`,
    `/api/v2/teams/${t.team}`,
    `/api/v2/teams/${t.doomedTeam}`,
    // The audit log: nothing done by, or to, any of these (filter[user] covers actor and target).
    ...[...people, t.victim, t.doomedUser].map((id) => `/api/v2/admin/audit-events?filter[user]=${id}&page[size]=100`),
    ...[t.org, t.team, t.doomedTeam].map((id) => `/api/v2/admin/audit-events?filter[target]=${id}&page[size]=100`),
  ];
  const out: Record<string, unknown> = {};
  for (const url of urls) out[url] = await read(url);
  return out;
}

async function createTargets(adminApi: APIRequestContext, nonAdmin: string): Promise<Targets> {
  const org = uniqueName("authz-org");
  const created = await adminApi.post("/api/v2/organizations", { data: doc("organizations", { name: org, email: "authz@example.com" }) });
  expect(created.status(), await created.text()).toBe(201);
  const team = async (name: string) => {
    const res = await adminApi.post(`/api/v2/organizations/${org}/teams`, { data: doc("teams", { name }) });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { data: { id: string } }).data.id;
  };
  return {
    org,
    team: await team("authz-team"),
    doomedTeam: await team("authz-doomed"),
    victim: await createLocalUser(adminApi, `${uniqueName("authz-victim")}@example.com`),
    doomedUser: await createLocalUser(adminApi, `${uniqueName("authz-doomed")}@example.com`),
    nonAdmin,
    newOrg: uniqueName("authz-new"),
    newTeam: uniqueName("authz-new-team"),
    newUserEmail: `${uniqueName("authz-new")}@example.com`,
    renamedTeam: uniqueName("authz-renamed"),
  };
}

/** A site admin suspended by another admin, after it made its API token. */
async function suspendedAdmin(playwright: Playwright, adminApi: APIRequestContext) {
  const account = await createAccount(playwright, { admin: true });
  const own = await apiAs(playwright, account.token);
  const tokens = await own.get(`/api/v2/users/${account.id}/authentication-tokens`);
  expect(tokens.status()).toBe(200);
  const tokenId = ((await tokens.json()) as { data: { id: string }[] }).data[0]!.id;
  await own.dispose();
  const suspended = await adminApi.post(`/api/v2/admin/users/${account.id}/actions/suspend`);
  expect(suspended.status(), await suspended.text()).toBe(200);
  return { ...account, tokenId };
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

test("inventory: every route handler is in the registry, and every registry entry still exists", () => {
  const { entries, problems } = inventory();
  expect(problems, "route files whose handlers cannot be read").toEqual([]);
  // Sanity: the walk found the app, in every export form it uses.
  expect(entries).toEqual(expect.arrayContaining(["GET /api/health", "POST /api/auth/[...nextauth]", "DELETE /api/v2/[...rest]", "GET /saml/metadata", "GET /api/v2/admin/users/[id]"]));
  const registered = new Set(Object.keys(REGISTRY));
  const found = new Set(entries);
  expect(entries.filter((e) => !registered.has(e)), "route handlers missing from REGISTRY in e2e/api/authz-matrix.spec.ts: classify (and test) them").toEqual([]);
  expect([...registered].filter((e) => !found.has(e)).sort(), "REGISTRY entries with no route handler any more: remove them").toEqual([]);
  expect(new Set(entries).size, "a handler listed twice").toBe(entries.length);
});

test("admin endpoints: only a site admin gets through; everyone else is refused without side effects", async ({ playwright, adminApi }) => {
  test.setTimeout(120_000);
  const ordinary = await createAccount(playwright, { admin: false });
  const suspended = await suspendedAdmin(playwright, adminApi);
  const t = await createTargets(adminApi, ordinary.id);

  const anon = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const ordinaryApi = await apiAs(playwright, ordinary.token);
  const suspendedApi = await apiAs(playwright, suspended.token);
  const ordinarySession = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  await signInViaApi(ordinarySession, ordinary.email, ordinary.password);
  expect((await ordinarySession.get("/api/v2/account/details")).status(), "the ordinary user's session works").toBe(200);

  // What "this endpoint does not exist" looks like: the non-admin's 404 must be the same.
  const missing = await anon.get("/api/v2/authz-matrix/no-such-endpoint");
  expect(missing.status()).toBe(404);
  const notFound = await firstError(missing);
  expect(notFound).toMatchObject({ status: "404" });

  const before = await snapshot(adminApi, t, [ordinary.id, suspended.id]);
  const admins = entriesOf("admin");
  expect(admins.length).toBeGreaterThan(0);

  for (const [key, entry] of admins) {
    const method = methodOf(key);
    const call = entry.call(t, false);
    await expect401(await send(anon, method, call), `${key} anonymous`);
    await expect401(await send(suspendedApi, method, call), `${key} suspended site admin's token`);
    for (const [who, ctx, headers] of [
      ["ordinary user's token", ordinaryApi, {}],
      // Same-origin, so the write passes the CSRF check and reaches the admin check.
      ["ordinary user's session", ordinarySession, { Origin: E2E_BASE_URL }],
    ] as const) {
      const res = await send(ctx, method, call, headers);
      expect.soft(res.status(), `${key} ${who}: status`).toBe(404);
      expect.soft(await firstError(res), `${key} ${who}: the same 404 as an endpoint that does not exist`).toEqual(notFound);
    }
  }

  // Nothing the refused calls asked for happened, and none of them wrote an audit event.
  const after = await snapshot(adminApi, t, [ordinary.id, suspended.id]);
  expect(after, "resources and audit events are unchanged by the refused calls").toEqual(before);
  const me = (await (await ordinaryApi.get("/api/v2/account/details")).json()) as { data: { attributes: Record<string, unknown> } };
  expect(me.data.attributes["is-site-admin"], "the ordinary user did not make itself a site admin").toBe(false);

  // The site admin gets through (the writes run last: some of them change the targets).
  let sent = 0;
  for (const [key, entry] of admins) {
    if (entry.adminSkip) continue;
    const res = await send(adminApi, methodOf(key), entry.call(t, true));
    sent++;
    const label = `${key} site admin (${res.status()} ${res.status() >= 400 ? JSON.stringify(await firstError(res)) : ""})`;
    expect.soft([401, 403], label).not.toContain(res.status());
    if (res.status() === 404) expect.soft(await firstError(res), `${label}: a handler's 404, not the gate's`).not.toEqual(notFound);
    if (entry.admin !== undefined) expect.soft([entry.admin].flat(), label).toContain(res.status());
    else if (methodOf(key) === "GET") expect.soft(res.status(), label).toBe(200);
  }
  expect(sent).toBe(admins.filter(([, e]) => !e.adminSkip).length);

  await Promise.all([anon.dispose(), ordinaryApi.dispose(), suspendedApi.dispose(), ordinarySession.dispose()]);
});

test("self-service endpoints: anonymous and suspended callers get 401 and change nothing", async ({ playwright, adminApi }) => {
  const suspended = await suspendedAdmin(playwright, adminApi);
  const anon = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const suspendedApi = await apiAs(playwright, suspended.token);
  const audit = async () => (await (await adminApi.get(`/api/v2/admin/audit-events?filter[user]=${suspended.id}&page[size]=100`)).json()) as unknown;
  const before = await audit();
  const users = entriesOf("user");
  expect(users.length).toBeGreaterThan(0);
  for (const [key, entry] of users) {
    const call = entry.call({ id: suspended.id, tokenId: suspended.tokenId });
    await expect401(await send(anon, methodOf(key), call), `${key} anonymous`);
    await expect401(await send(suspendedApi, methodOf(key), call), `${key} suspended user's token`);
  }
  expect(await audit(), "no token made or revoked, nothing recorded").toEqual(before);
  // Its token was not revoked by the refused DELETE: it works again once the user is unsuspended.
  expect((await adminApi.post(`/api/v2/admin/users/${suspended.id}/actions/unsuspend`)).status()).toBe(200);
  expect((await suspendedApi.get("/api/v2/account/details")).status()).toBe(200);
  const tokens = (await (await suspendedApi.get(`/api/v2/users/${suspended.id}/authentication-tokens`)).json()) as { data: unknown[] };
  expect(tokens.data, "no token was minted by the refused POST").toHaveLength(1);
  await Promise.all([anon.dispose(), suspendedApi.dispose()]);
});

// Every failed SCIM authentication spends one token of a budget the gate keeps per client address
// (20 a minute, lib/http/with-scim-token.ts). Without trusted proxy hops every caller of this test
// server shares one address, so this spec spends that budget no faster than it refills — the SCIM
// specs running in parallel, which expect exact 401s, never see a 429 because of it.
const FAILED_SCIM_AUTH_INTERVAL_MS = 3_100;

test("SCIM endpoints: no token, and a user API token as the bearer, get a SCIM 401", async ({ admin }) => {
  const scim = entriesOf("scim");
  expect(scim.length).toBeGreaterThan(0);
  test.setTimeout(scim.length * 2 * FAILED_SCIM_AUTH_INTERVAL_MS + 60_000);
  expect(admin.token).toMatch(/^roster_pat_/);
  let last = 0;
  const paced = async (url: string, method: string, headers: Record<string, string>) => {
    for (let attempt = 0; ; attempt++) {
      const wait = last + FAILED_SCIM_AUTH_INTERVAL_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      last = Date.now();
      const body = method === "GET" || method === "DELETE" ? undefined : JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "authz@example.com" });
      const res = await fetch(`${E2E_BASE_URL}${url}`, { method, headers: { Accept: "application/scim+json", ...(body ? { "Content-Type": "application/scim+json" } : {}), ...headers }, body });
      // Someone else spent the shared budget: wait as told, then ask again.
      if (res.status === 429 && attempt < 5) {
        await res.text();
        last = Date.now() + Number(res.headers.get("retry-after") ?? "3") * 1000;
        continue;
      }
      return res;
    }
  };
  for (const [key, entry] of scim) {
    for (const [who, headers] of [
      ["no token", {}],
      ["a site admin's user API token", { Authorization: `Bearer ${admin.token}` }],
    ] as const) {
      const label = `${key} (${entry.url}) with ${who}`;
      const res = await paced(entry.url, methodOf(key), headers);
      const text = await res.text();
      expect.soft(res.status, `${label}: ${text}`).toBe(401);
      expect.soft(res.headers.get("content-type") ?? "", `${label}: content type`).toMatch(/^application\/scim\+json/);
      expect.soft(res.headers.get("www-authenticate") ?? "", `${label}: WWW-Authenticate`).toMatch(/^Bearer/);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // reported below
      }
      expect.soft(body, `${label}: SCIM error body`).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401" });
    }
  }
});

test("fallbacks answer a JSON:API 404 to everyone; public endpoints need no credentials", async ({ playwright, adminApi }) => {
  const anon = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  for (const [key, entry] of entriesOf("catch-all")) {
    for (const [who, ctx] of [
      ["anonymous", anon],
      ["site admin", adminApi],
    ] as const) {
      const res = await send(ctx, methodOf(key), { url: entry.url, body: methodOf(key) === "GET" || methodOf(key) === "DELETE" ? undefined : doc("x", {}) });
      expect.soft(res.status(), `${key} ${who}`).toBe(404);
      expect.soft(res.headers()["content-type"], `${key} ${who}: content type`).toBe(JSONAPI);
    }
  }
  // A path segment that does not decode names nothing: a JSON:API 404 for a signed-in caller
  // (anonymous callers get 401, in the self-service test), never Next.js's plain-text 500.
  for (const path of ["/api/v2/admin/users/%FF", "/api/v2/teams/100%", "/api/v2/%ZZ/x"]) {
    const res = await adminApi.get(path);
    expect.soft(res.status(), path).toBe(404);
    expect.soft(res.headers()["content-type"], path).toBe(JSONAPI);
  }
  for (const [key, entry] of entriesOf("public")) {
    expect(entry.why, key).toBeTruthy();
    if (!entry.probe) continue;
    const res = await send(anon, methodOf(key), { url: entry.probe });
    expect.soft(res.status(), `${key} anonymous`).toBe(200);
  }
  await anon.dispose();
});


test("a method an endpoint does not serve: a JSON:API 405 with Allow and X-Request-Id, after the endpoint's own checks", async ({ playwright, adminApi }) => {
  const anon = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const refusedAnon = await anon.put("/api/v2/organizations");
  expect(refusedAnon.status()).toBe(401);
  expect(refusedAnon.headers()["x-request-id"]).toBeTruthy();
  for (const [api, method, url, allow] of [
    [adminApi, "PUT", "/api/v2/organizations", "GET, POST"],
    [adminApi, "DELETE", "/api/v2/admin/audit-events", "GET"],
    [adminApi, "GET", "/api/v2/authentication-tokens/ut-none", "DELETE"],
    [adminApi, "POST", "/api/v2/account/details", "GET"],
    // Not Next.js's automatic 204 claiming every method.
    [adminApi, "OPTIONS", "/api/v2/organizations", "GET, POST"],
  ] as const) {
    const res = await send(api, method, { url });
    expect.soft(res.status(), `${method} ${url}`).toBe(405);
    expect.soft(res.headers()["allow"], `${method} ${url}: Allow`).toBe(allow);
    expect.soft(res.headers()["content-type"], `${method} ${url}: content type`).toBe(JSONAPI);
    expect.soft(res.headers()["x-request-id"], `${method} ${url}: X-Request-Id`).toMatch(/^[0-9a-f-]{36}$/);
    expect.soft(await firstError(res), `${method} ${url}: body`).toMatchObject({ status: "405", title: "Method Not Allowed" });
  }
  await anon.dispose();
});
