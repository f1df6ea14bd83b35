// npm run bench — SPEC §12 workload against a production build on PostgreSQL.
// Builds (unless BENCH_SKIP_BUILD=1), starts `next start` on a fresh database of the PostgreSQL
// server in DATABASE_URL (default: the local one), raises the SCIM rate limit, runs phases
// (a)–(h), prints req/s, p50/p95/p99 and errors per phase and the server's peak RSS,
// and writes the figures to bench/results/bench-<time>.json.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

const BASE_DB = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SCIM = `${ORIGIN}/scim/v2`;
const CONCURRENCY = 16;
const FILTER_SECONDS = Number(process.env.BENCH_FILTER_SECONDS ?? 20);
const CREATE_USERS = Number(process.env.BENCH_USERS ?? 5000);
const AUTH_SECRET = "bench-auth-secret-bench-auth-secret-0123456789";

interface PhaseResult {
  phase: string;
  requests: number;
  errors: number;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  extra?: Record<string, unknown>;
}

const results: PhaseResult[] = [];
let token = "";

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarize(phase: string, latencies: number[], errors: number, seconds: number, extra?: Record<string, unknown>): PhaseResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const r = {
    phase,
    requests: latencies.length,
    errors,
    seconds: Number(seconds.toFixed(2)),
    reqPerSec: Number((latencies.length / seconds).toFixed(0)),
    p50: Number(percentile(sorted, 50).toFixed(1)),
    p95: Number(percentile(sorted, 95).toFixed(1)),
    p99: Number(percentile(sorted, 99).toFixed(1)),
    ...(extra ? { extra } : {}),
  };
  results.push(r);
  console.log(`${phase.padEnd(34)} ${String(r.requests).padStart(7)} req ${String(r.reqPerSec).padStart(6)} req/s  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  errors ${errors}${extra ? "  " + JSON.stringify(extra) : ""}`);
  return r;
}

// The load generator: node:http over keep-alive connections, one per worker. (fetch costs the
// client about 0.7 ms of CPU per request against 0.15 ms for this, measured here; on a 2-core
// machine shared with the server that is CPU the server no longer gets.) Every phase and the
// baseline use this same client.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(method: string, url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method, agent, headers: body === undefined ? headers : { ...headers, "Content-Length": String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function call(method: string, url: string, body?: unknown, auth = `Bearer ${token}`) {
  const started = performance.now();
  const res = await request(
    method,
    url,
    { Authorization: auth, ...(body !== undefined ? { "Content-Type": "application/scim+json" } : {}) },
    body === undefined ? undefined : JSON.stringify(body),
  );
  return { ms: performance.now() - started, status: res.status, body: res.body };
}

// --- where the CPU goes: this client, the server's process tree, PostgreSQL ------------------

let serverPid = 0;
/** With BENCH_NODE_ARGS the spawned process is the server itself (exec), not npm. */
const ROOT_IS_SERVER = !!process.env.BENCH_NODE_ARGS;
const TICK_MS = 10; // USER_HZ is 100 on Linux

function processTicks() {
  const out: { pid: number; ppid: number; comm: string; ticks: number }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.push({ pid: Number(entry), ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      /* gone */
    }
  }
  return out;
}

function cpuSnapshot() {
  const procs = processTicks();
  const tree = new Set([serverPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (tree.has(p.ppid) && !tree.has(p.pid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const sum = (f: (p: (typeof procs)[number]) => boolean) => procs.filter(f).reduce((n, p) => n + p.ticks, 0) * TICK_MS;
  const self = process.cpuUsage();
  return { server: sum((p) => tree.has(p.pid) && (ROOT_IS_SERVER || p.pid !== serverPid)), postgres: sum((p) => p.comm === "postgres"), client: (self.user + self.system) / 1000 };
}

/** CPU milliseconds per request spent by each party between two snapshots. */
function cpuPerRequest(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>, requests: number) {
  const per = (k: keyof typeof before) => Number(((after[k] - before[k]) / Math.max(1, requests)).toFixed(2));
  return { server: per("server"), postgres: per("postgres"), client: per("client") };
}

/** Runs `task(i)` for i in [0, total) (or until `until`) with `concurrency` workers. */
async function load(total: number, concurrency: number, task: (i: number) => Promise<{ ms: number; ok: boolean }>, until?: number) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const cpuBefore = cpuSnapshot();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total || (until && performance.now() > until)) return;
        const r = await task(i);
        latencies.push(r.ms);
        if (!r.ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { latencies, errors, seconds, cpuMsPerRequest: cpuPerRequest(cpuBefore, cpuSnapshot(), latencies.length) };
}

// --- the server and its memory -------------------------------------------------------------

/** RSS of the server's process tree: every process `rootPid` started, and `rootPid` itself
 * unless it is npm. */
function treeRss(rootPid: number) {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone */
    }
  }
  let total = 0;
  const stack = [...(ROOT_IS_SERVER ? [rootPid] : []), ...(children.get(rootPid) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      total += m ? Number(m[1]) * 1024 : 0;
    } catch {
      /* gone */
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** p50 of 100 random 100-user pages across the whole list (total users given): enough samples
 * that one busy moment on a shared 2-core machine does not move the median. Each page is followed
 * by a control whose cost does not depend on the number of users (`count=0`: the total alone, from
 * a counter row), so that the sizes, measured minutes apart, can also be compared with the
 * machine's drift in speed taken out. */
async function pageCost(total: number, label = "") {
  const samples: number[] = [];
  const control: number[] = [];
  let errors = 0;
  for (let k = 0; k < 100; k++) {
    const start = 1 + Math.floor(Math.random() * Math.max(1, total - 100));
    const r = await call("GET", `${SCIM}/Users?startIndex=${start}&count=100`);
    samples.push(r.ms);
    if (r.status !== 200) errors++;
    const c = await call("GET", `${SCIM}/Users?count=0`);
    control.push(c.ms);
    if (c.status !== 200) errors++;
  }
  const controlP50 = Number(percentile([...control].sort((a, b) => a - b), 50).toFixed(2));
  return { ...summarize(`(g) page at ${total} users${label}`, samples, errors, samples.reduce((x, y) => x + y, 0) / 1000, { controlP50 }), controlP50 };
}

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${ORIGIN}/api/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become healthy");
}

async function main() {
  const dbName = `roster_bench_${Date.now()}`;
  const admin = postgres(BASE_DB, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(BASE_DB);
  url.pathname = `/${dbName}`;
  const DATABASE_URL = url.toString();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL, AUTH_SECRET, NODE_ENV: "production", ROSTER_LOG_LEVEL: "warn", ROSTER_SCIM_RATE_LIMIT: "1000000", ROSTER_SCIM_RATE_BURST: "1000000" };
  let server: ChildProcess | undefined;
  let peakRss = 0;
  let sampler: ReturnType<typeof setInterval> | undefined;
  try {
    if (process.env.BENCH_SKIP_BUILD !== "1") {
      console.log("building…");
      execFileSync("node_modules/.bin/next", ["build"], { stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
    }
    const created = JSON.parse(
      execFileSync("node_modules/.bin/tsx", ["scripts/admin.ts", "create", "--email", "bench@example.com", "--password", "bench-password-123", "--api-token"], { env, encoding: "utf8" }),
    ) as { token: string };
    // Exactly what `npm start` runs. BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
    // starts the same server with extra node flags instead (npm cannot pass those through).
    const stdio = process.env.BENCH_SERVER_LOG ? "inherit" : "ignore";
    const listen = ["-p", String(PORT), "-H", "127.0.0.1"];
    const startScript = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
    if (process.env.BENCH_NODE_ARGS && !startScript.includes("exec node ")) throw new Error("BENCH_NODE_ARGS: the start script no longer runs `exec node …`");
    server = process.env.BENCH_NODE_ARGS
      ? spawn("sh", ["-c", `${startScript.replace("exec node ", `exec node ${process.env.BENCH_NODE_ARGS} `)} ${listen.join(" ")}`], { env, stdio, detached: true })
      : spawn("npm", ["start", "--silent", "--", ...listen], { env, stdio, detached: true });
    serverPid = server.pid!;
    await waitForHealth();
    sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(server!.pid!))), 200);

    // Site admin setup through the admin API: SAML, SCIM, a token.
    const certificate = execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "/dev/null", "-subj", "/CN=bench-idp", "-days", "30"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const adminApi = (method: string, p: string, body: unknown) =>
      fetch(`${ORIGIN}/api/v2${p}`, { method, headers: { Authorization: `Bearer ${created.token}`, "Content-Type": "application/vnd.api+json" }, body: JSON.stringify(body) });
    await adminApi("PATCH", "/admin/saml-settings", { data: { type: "saml-settings", attributes: { enabled: true, "provider-type": "saml", "idp-entity-id": "https://bench", "sso-url": "https://bench/sso", certificate } } });
    await adminApi("PATCH", "/admin/scim-settings", { data: { type: "scim-settings", attributes: { enabled: true } } });
    const tokenRes = await adminApi("POST", "/admin/scim-tokens", { data: { type: "authentication-tokens", attributes: { description: "bench" } } });
    token = ((await tokenRes.json()) as { data: { attributes: { token: string } } }).data.attributes.token;

    // Warm-up: compile caches, prepared statements, connections, and the JIT for every request
    // kind the phases send (a server that has run for a minute is warm; the first few hundred
    // requests of a kind run unoptimized code). Warm-up users are deleted again, so the phases
    // start from an empty directory.
    const WARM = Number(process.env.BENCH_WARMUP ?? 400);
    await load(WARM, CONCURRENCY, async (i) => {
      const r = await call("GET", `${SCIM}/Users?filter=${encodeURIComponent(`userName eq "warm-${i}"`)}`);
      return { ms: r.ms, ok: r.status === 200 };
    });
    const warmIds: string[] = [];
    await load(WARM, CONCURRENCY, async (i) => {
      const userName = `warm.user.${i}@example.test`;
      const r = await call("POST", `${SCIM}/Users`, { userName, emails: [{ value: userName, primary: true, type: "work" }], name: { givenName: "Warm", familyName: String(i) }, active: true });
      if (r.status === 201) warmIds[i] = (JSON.parse(r.body) as { id: string }).id;
      return { ms: r.ms, ok: r.status === 201 };
    });
    // The reads of (c) and (g): pages, and the count-only control (g) times beside them.
    await load(WARM, CONCURRENCY, async (i) => {
      const r = await call("GET", i % 2 ? `${SCIM}/Users?count=0` : `${SCIM}/Users?startIndex=${1 + (i % 300)}&count=100`);
      return { ms: r.ms, ok: r.status === 200 };
    });
    const warmGroup = (JSON.parse((await call("POST", `${SCIM}/Groups`, { displayName: "Warm-up group", members: [] })).body) as { id: string }).id;
    for (let k = 0; k * 100 < WARM; k++) {
      const members = warmIds.slice(k * 100, k * 100 + 100).filter(Boolean).map((value) => ({ value }));
      await call("PATCH", `${SCIM}/Groups/${warmGroup}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "add", path: "members", value: members }] });
    }
    for (const [method, body] of [
      ["PATCH", { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] }],
      ["GET", undefined],
      ["DELETE", undefined],
    ] as const) {
      await load(WARM, CONCURRENCY, async (i) => {
        const r = await call(method, `${SCIM}/Users/${warmIds[i]}`, body);
        return { ms: r.ms, ok: r.status < 300 };
      });
    }
    await call("DELETE", `${SCIM}/Groups/${warmGroup}`);

    // (a) create users; (g) at 1,000 users is measured when the first 1,000 exist
    const ids: string[] = [];
    const createUser = async (i: number) => {
      const userName = `bench.user.${i}@example.test`;
      const r = await call("POST", `${SCIM}/Users`, { userName, emails: [{ value: userName, primary: true, type: "work" }], name: { givenName: "Bench", familyName: String(i) }, active: true });
      if (r.status === 201) ids[i] = (JSON.parse(r.body) as { id: string }).id;
      return { ms: r.ms, ok: r.status === 201 };
    };
    const a1 = await load(1000, CONCURRENCY, createUser);
    const g1 = await pageCost(1000);
    const a2 = await load(CREATE_USERS - 1000, CONCURRENCY, (i) => createUser(i + 1000));
    summarize("(a) create users c=16", [...a1.latencies, ...a2.latencies], a1.errors + a2.errors, a1.seconds + a2.seconds, { cpuMsPerRequest: a2.cpuMsPerRequest });

    // baseline: a bare route doing one indexed read, same client
    const baseUntil = performance.now() + (FILTER_SECONDS / 2) * 1000;
    const base = await load(Number.MAX_SAFE_INTEGER, CONCURRENCY, async () => {
      const started = performance.now();
      const res = await request("GET", `${ORIGIN}/api/health`, {});
      return { ms: performance.now() - started, ok: res.status === 200 };
    }, baseUntil);
    const baseline = summarize("baseline /api/health (1 read)", base.latencies, base.errors, base.seconds, { cpuMsPerRequest: base.cpuMsPerRequest });

    if (process.env.BENCH_PROBE) {
      for (const probe of (process.env.BENCH_PROBE).split(",")) {
        const pu = performance.now() + 8000;
        const pr = await load(Number.MAX_SAFE_INTEGER, CONCURRENCY, async () => {
          const r = await call("GET", `${ORIGIN}${probe}`);
          return { ms: r.ms, ok: r.status < 400 };
        }, pu);
        summarize(`probe ${probe}`, pr.latencies, pr.errors, pr.seconds, { cpuMsPerRequest: pr.cpuMsPerRequest });
      }
    }
    // (b) userName eq look-ups of random users
    const until = performance.now() + FILTER_SECONDS * 1000;
    const b = await load(Number.MAX_SAFE_INTEGER, CONCURRENCY, async () => {
      const i = Math.floor(Math.random() * CREATE_USERS);
      const r = await call("GET", `${SCIM}/Users?filter=${encodeURIComponent(`userName eq "bench.user.${i}@example.test"`)}`);
      return { ms: r.ms, ok: r.status === 200 && r.body.includes('"totalResults":1') };
    }, until);
    const filterPhase = summarize("(b) userName eq c=16", b.latencies, b.errors, b.seconds, { cpuMsPerRequest: b.cpuMsPerRequest });
    filterPhase.extra = { ...filterPhase.extra, ratioToBaseline: Number((filterPhase.reqPerSec / baseline.reqPerSec).toFixed(2)) };
    console.log(`    filter / baseline throughput: ${filterPhase.extra.ratioToBaseline}`);

    // (c) page through all users 100 at a time
    const pages: number[] = [];
    let pageErrors = 0;
    const cStart = performance.now();
    for (let start = 1; start <= CREATE_USERS; start += 100) {
      const r = await call("GET", `${SCIM}/Users?startIndex=${start}&count=100`);
      pages.push(r.ms);
      if (r.status !== 200) pageErrors++;
    }
    const probe = await fetch(`${SCIM}/Users?startIndex=1&count=100`, { headers: { Authorization: `Bearer ${token}`, "Accept-Encoding": "gzip" } });
    await probe.arrayBuffer();
    console.log(`    page response: content-encoding ${probe.headers.get("content-encoding")}, cache-control ${probe.headers.get("cache-control")}`);
    summarize("(c) page 100 users (sequential)", pages, pageErrors, (performance.now() - cStart) / 1000);

    // (d) a group and 1,000 members in 10 PATCHes of 100
    const g = await call("POST", `${SCIM}/Groups`, { displayName: "Bench group", members: [] });
    const groupId = (JSON.parse(g.body) as { id: string }).id;
    const patches: number[] = [];
    let patchErrors = 0;
    const dStart = performance.now();
    for (let k = 0; k < 10; k++) {
      const members = ids.slice(k * 100, k * 100 + 100).map((value) => ({ value }));
      const r = await call("PATCH", `${SCIM}/Groups/${groupId}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "add", path: "members", value: members }] });
      patches.push(r.ms);
      if (r.status !== 204) patchErrors++;
    }
    const dTotal = (performance.now() - dStart) / 1000;
    summarize("(d) group PATCH +100 members", patches, patchErrors, dTotal, { totalSecondsFor1000: Number(dTotal.toFixed(3)) });

    // (e) deactivate 1,000 users, then read some back
    const e = await load(1000, CONCURRENCY, async (i) => {
      const r = await call("PATCH", `${SCIM}/Users/${ids[i]}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] });
      return { ms: r.ms, ok: r.status === 200 };
    });
    summarize("(e) deactivate c=16", e.latencies, e.errors, e.seconds, { cpuMsPerRequest: e.cpuMsPerRequest });
    let readBackErrors = 0;
    for (let i = 0; i < 50; i++) {
      const r = await call("GET", `${SCIM}/Users/${ids[i * 20]}`);
      if (r.status !== 200 || !r.body.includes('"active":false')) readBackErrors++;
    }
    console.log(`    read back 50 deactivated users: ${readBackErrors} wrong`);

    // (f) link a team to a group of 1,000 active members (the (d) group's members are deactivated
    // by now, so a second group is filled first, untimed).
    const patchOp = (members: string[]) => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "add", path: "members", value: members.map((value) => ({ value })) }] });
    const activeIds = ids.slice(1000, 2000).filter(Boolean);
    const fGroup = (JSON.parse((await call("POST", `${SCIM}/Groups`, { displayName: "Bench linked group", members: [] })).body) as { id: string }).id;
    for (let k = 0; k < activeIds.length; k += 100) await call("PATCH", `${SCIM}/Groups/${fGroup}`, patchOp(activeIds.slice(k, k + 100)));
    await adminApi("POST", "/organizations", { data: { type: "organizations", attributes: { name: "bench-org", email: "bench@example.com" } } });
    const teamRes = await adminApi("POST", "/organizations/bench-org/teams", { data: { type: "teams", attributes: { name: "Bench team" } } });
    const benchTeam = ((await teamRes.json()) as { data: { id: string } }).data.id;
    const fStarted = performance.now();
    const linked = await adminApi("POST", `/admin/teams/${benchTeam}/scim-group-mapping`, { data: { type: "scim-group-mapping", attributes: { "scim-group-id": fGroup } } });
    const fMs = performance.now() - fStarted;
    summarize(`(f) link a ${activeIds.length}-member group`, [fMs], linked.status === 204 ? 0 : 1, fMs / 1000);

    // (h) +100 members on a group linked to 1,000 teams (teams and links inserted with SQL, the
    // rows the API would write, because linking is limited to 10 a minute per admin).
    const hGroup = (JSON.parse((await call("POST", `${SCIM}/Groups`, { displayName: "Bench group linked to 1,000 teams", members: [] })).body) as { id: string }).id;
    const sqlDb = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
    await sqlDb.unsafe(`
      with t as (
        insert into teams (id, organization_name, name) select 'team-bench-' || g, 'bench-org', 'bench-' || g from generate_series(1, 1000) g returning id
      )
      insert into team_scim_links (team_id, scim_group_id) select id, '${hGroup}'::uuid from t`);
    await sqlDb.end();
    const hIds = ids.slice(2000, 2100).filter(Boolean);
    const hStarted = performance.now();
    const h = await call("PATCH", `${SCIM}/Groups/${hGroup}`, patchOp(hIds));
    const hMs = performance.now() - hStarted;
    summarize(`(h) +${hIds.length} members, group linked to 1,000 teams`, [hMs], h.status === 204 ? 0 : 1, hMs / 1000);

    // (g) paging cost at 1,000 vs 10,000 vs 50,000 users. Users beyond the created ones are
    // inserted in bulk with SQL (same rows the API would write) to keep the run short.
    const db = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
    const grow = async (target: number) => {
      const n = Number((await db`select count(*)::int as n from scim_identities`)[0]!.n);
      const missing = target - n;
      if (missing <= 0) return;
      await db.unsafe(`
        with u as (
          insert into users (id, username, email)
          select 'user-bench' || g, 'bench-bulk-' || g, 'bench.bulk.' || g || '@example.test'
          from generate_series(${n}, ${n + missing - 1}) g
          returning id, email
        )
        insert into scim_identities (user_id, user_name) select id, email from u`);
      // What autovacuum does after a burst of inserts (the API would have added these over time):
      // statistics and the visibility map, so index-only scans stay index-only.
      await db.unsafe("vacuum analyze scim_identities, users");
    };
    // Each size is sampled twice: right after the bulk insert, while every PostgreSQL backend
    // still touches the new index and heap pages for the first time (minor page faults on the
    // shared buffers, about 2× the warm cost here), then again, as a server that has served
    // these users before would.
    await grow(10000);
    await pageCost(10000, " (cold)");
    await pageCost(10000);
    await grow(50000);
    const g3cold = await pageCost(50000, " (cold)");
    const g3 = await pageCost(50000);
    await db.end();
    console.log(`    page cost ratio 50k/1k (p50): ${(g3.p50 / g1.p50).toFixed(2)} (right after the bulk insert: ${(g3cold.p50 / g1.p50).toFixed(2)})`);
    // The 1,000-user pages were read minutes earlier; the machine's speed drifts that much.
    const drift = g3.controlP50 / g1.controlP50;
    console.log(`    size-independent control (count=0) p50 ${g1.controlP50} → ${g3.controlP50} ms (×${drift.toFixed(2)}); ratio with that drift taken out: ${(g3.p50 / g1.p50 / drift).toFixed(2)}`);

    await new Promise((r) => setTimeout(r, 300));
    console.log(`server peak RSS (process tree): ${(peakRss / 1048576).toFixed(0)} MiB`);
    mkdirSync("bench/results", { recursive: true });
    const out = path.join("bench/results", `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), peakRssMiB: Math.round(peakRss / 1048576), phases: results }, null, 2));
    console.log(`written ${out}`);
  } finally {
    if (sampler) clearInterval(sampler);
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
