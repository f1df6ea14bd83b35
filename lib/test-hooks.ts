// Fault injection at named steps (SPEC §14): only with ROSTER_TEST_HOOKS=1, which production
// refuses. Tests inject a throw or a sleep at a step and check that nothing was applied, or hold a
// step until they release it (to run something else while its transaction is open).
import { env } from "@/lib/env";

export type FaultStep = "team-link.after-replace" | "team-link.after-resume" | "scim-group.after-propagation";
type Fault = { kind: "throw" } | { kind: "sleep"; ms: number } | { kind: "hold"; reached: () => void; until: Promise<unknown> };

const faults = new Map<FaultStep, Fault>();

export class InjectedFault extends Error {}

export function injectFault(step: FaultStep, fault: Fault) {
  if (!env().ROSTER_TEST_HOOKS) throw new Error("Fault injection needs ROSTER_TEST_HOOKS=1");
  faults.set(step, fault);
}

export function clearFaults() {
  faults.clear();
}

/** A named step: does nothing unless a test injected a fault here. */
export async function faultPoint(step: FaultStep) {
  if (faults.size === 0) return;
  const fault = faults.get(step);
  if (!fault) return;
  if (fault.kind === "throw") throw new InjectedFault(`Injected fault at ${step}`);
  if (fault.kind === "hold") {
    fault.reached();
    await fault.until;
  }
  else await new Promise((r) => setTimeout(r, fault.ms));
}
