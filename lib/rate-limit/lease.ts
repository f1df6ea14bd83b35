// Leases from a shared token bucket: when the budget is large, a process takes a small batch of
// tokens in the statement it runs anyway and spends them locally for at most a second, so a busy
// site does not rewrite one hot row on every request. At the default budget (10/s, burst 20) a
// lease is one token, i.e. every request is counted in PostgreSQL exactly. With a larger budget
// the site can admit at most one lease per process beyond it (≤ 5% of the burst), and tokens a
// process leased but did not use within the second are lost, never reused later.
import type { BucketSpec } from "./token-bucket";

export const LEASE_MS = 1000;
const MAX_LEASE = 100;

/** Tokens to take per statement: 1 at small budgets, up to 100 (and ≤ 5% of burst or rate). */
export const leaseSize = (spec: BucketSpec) => Math.max(1, Math.min(MAX_LEASE, Math.floor(Math.min(spec.burst, spec.rate) / 20)));

type Lease = { tokens: number; expiresAt: number };
const KEY = Symbol.for("roster.bucket-leases");
const leases: Map<string, Lease> = ((globalThis as Record<symbol, unknown>)[KEY] as Map<string, Lease>) ?? new Map();
(globalThis as Record<symbol, unknown>)[KEY] = leases;

const leaseKey = (spec: BucketSpec) => `${spec.key}|${spec.rate}|${spec.burst}`;

/** Spends one leased token if this process holds an unexpired one. */
export function takeLeased(spec: BucketSpec, nowMs: number): boolean {
  const lease = leases.get(leaseKey(spec));
  if (!lease || lease.tokens < 1 || nowMs >= lease.expiresAt || nowMs < lease.expiresAt - LEASE_MS) return false;
  lease.tokens -= 1;
  return true;
}

/** Puts back a token taken for a request that then failed authentication. */
export function returnLeased(spec: BucketSpec) {
  const lease = leases.get(leaseKey(spec));
  if (lease) lease.tokens += 1;
}

/** Keeps the tokens a debit took beyond the one its own request used. */
export function addLease(spec: BucketSpec, tokens: number, nowMs: number) {
  if (tokens < 1) return;
  const key = leaseKey(spec);
  const lease = leases.get(key);
  const live = lease && nowMs < lease.expiresAt ? lease.tokens : 0;
  leases.set(key, { tokens: live + tokens, expiresAt: nowMs + LEASE_MS });
}
