// The client address the server throttles by is the socket's peer (lib/http/peer-stamp.ts), not
// what a client writes in X-Forwarded-For or in the server's own stamp header. Each test talks
// from loopback addresses of its own (127.0.0.x), so its buckets are nobody else's.
import http from "node:http";
import { randomBytes } from "node:crypto";
import { createAccount, expect, test } from "../fixtures";
import { E2E_BASE_URL } from "../env";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request sent from `localAddress`. */
function from(localAddress: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const base = new URL(E2E_BASE_URL);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, method, path, localAddress, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A loopback address no other test uses. */
const address = () => `127.0.${1 + (randomBytes(1)[0]! % 200)}.${2 + (randomBytes(1)[0]! % 250)}`;

test("failed SCIM authentication is throttled per socket address; headers cannot choose the address", async () => {
  const [noisy, quiet] = [address(), address()];
  const statuses: number[] = [];
  for (let i = 0; i < 22; i++) {
    const res = await from(noisy, "GET", "/scim/v2/Users", {
      Authorization: "Bearer not-a-token",
      // Each attempt claims another address; the socket's is the one that counts.
      "X-Forwarded-For": `203.0.113.${i}`,
      "X-Roster-Peer-Address": `198.51.100.${i}`,
    });
    statuses.push(res.status);
    if (res.status === 429) expect(Number(res.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  }
  // 20 a minute per address (SPEC §4.1), counted for this address whatever the headers said.
  expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
  expect(statuses.slice(20)).toEqual([429, 429]);
  // Another address still gets a plain 401.
  expect((await from(quiet, "GET", "/scim/v2/Users", { Authorization: "Bearer not-a-token" })).status).toBe(401);
});

test("failed sign-ins are throttled per socket address as well as per account", async ({ playwright }) => {
  const user = await createAccount(playwright, { admin: false });
  const [noisy, quiet] = [address(), address()];
  const signIn = async (localAddress: string, email: string, password: string) => {
    const csrf = await from(localAddress, "GET", "/api/auth/csrf");
    const cookie = ([] as string[]).concat(csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const form = new URLSearchParams({ email, password, csrfToken, callbackUrl: "/app" }).toString();
    const res = await from(localAddress, "POST", "/api/auth/callback/credentials", { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.9" }, form);
    return res.headers.location ?? "";
  };
  // 50 failures from one address, each for a different (unknown) account: no account bucket fills.
  for (let i = 0; i < 50; i++) {
    expect(await signIn(noisy, `nobody-${i}-${randomBytes(3).toString("hex")}@example.test`, "wrong password")).toContain("error=CredentialsSignin");
  }
  // The right password from that address is refused for now; from another it works.
  expect(await signIn(noisy, user.email, user.password)).toContain("code=throttled");
  const ok = await signIn(quiet, user.email, user.password);
  expect(ok).not.toContain("error=");
});

test("X-Forwarded-Proto from a client that is not a trusted proxy changes nothing (no HSTS over plain HTTP)", async () => {
  const res = await from(address(), "GET", "/sign-in", { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example" });
  expect(res.status).toBe(200);
  expect(res.headers["strict-transport-security"]).toBeUndefined();
  const redirect = await from(address(), "GET", "/app", { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example" });
  expect(redirect.status).toBe(307);
  expect(redirect.headers.location ?? "").not.toContain("evil.example");
});
