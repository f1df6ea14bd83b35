// A clean stop (SPEC "Operations": SIGTERM drains in-flight requests before exit). `npm start`
// sets NEXT_MANUAL_SIG_HANDLE, so Next.js leaves SIGTERM and SIGINT to this module, which:
//   1. stops accepting connections and closes the idle kept-alive ones at once (and any that fall
//      idle while draining; a request arriving on an open connection is answered with
//      `Connection: close`),
//   2. waits for the requests in flight, at most DRAIN_DEADLINE_MS (then drops what is left),
//   3. runs the stop steps (write the queued provisioning-activity rows, close the database, which
//      releases the embedded database's lock), and exits 0.
// Next.js's own handler would exit as soon as the connections were gone, losing the last
// activity batch and leaving PGlite unclosed; without this module a SIGTERM sent to `npm start`
// did not reach the server at all.
import type { Server } from "node:http";
import { log } from "@/lib/log";

/** Longest wait for requests in flight: a request's own deadline is 30 s (SPEC §11). */
export const DRAIN_DEADLINE_MS = 30_000;
const IDLE_SWEEP_MS = 100;

const INSTALLED = Symbol.for("roster.graceful-shutdown");
type ShutdownGlobal = { [INSTALLED]?: ShutdownState };

interface ShutdownState {
  servers: Set<Server>;
  stopping: boolean;
  steps: { name: string; run: () => Promise<void> }[];
}

const state = (): ShutdownState | undefined => (globalThis as ShutdownGlobal)[INSTALLED];

/** Whether a stop has begun (requests still in flight are being drained). */
export const isStopping = () => state()?.stopping === true;

/**
 * Installs the handlers, once per process. `steps` run in order after the last request; a failing
 * step is logged and the stop goes on.
 */
export async function installGracefulShutdown(steps: ShutdownState["steps"], exit: (code: number) => void = (code) => process.exit(code)) {
  const g = globalThis as ShutdownGlobal;
  if (g[INSTALLED]) return;
  const s: ShutdownState = { servers: new Set(), stopping: false, steps };
  g[INSTALLED] = s;
  const [http, https] = await Promise.all([import("node:http"), import("node:https")]);
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (event: string | symbol, ...args: unknown[]) => boolean }[]) {
    const emit = proto.emit;
    proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
      if (event === "connection") s.servers.add(this);
      else if (event === "request" && s.stopping) (args[1] as { setHeader(name: string, value: string): void }).setHeader("Connection", "close");
      return emit.call(this, event, ...args);
    };
  }
  // A second signal while draining changes nothing: `npm start` in a terminal gets Ctrl-C twice
  // (the process group's and the one npm forwards).
  const onSignal = (signal: NodeJS.Signals) => {
    if (s.stopping) return;
    s.stopping = true;
    void stop(s, signal, exit);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

async function stop(s: ShutdownState, signal: NodeJS.Signals, exit: (code: number) => void) {
  const started = Date.now();
  log.info("stopping: no new connections; draining requests in flight", { signal, deadlineMs: DRAIN_DEADLINE_MS });
  const closed = [...s.servers].map(
    (server) =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  );
  // A connection whose request finishes while draining falls idle; it is closed then, not after
  // the keep-alive timeout.
  const sweep = setInterval(() => s.servers.forEach((server) => server.closeIdleConnections()), IDLE_SWEEP_MS);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const drained = await Promise.race([
    Promise.all(closed).then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DRAIN_DEADLINE_MS))),
  ]);
  clearInterval(sweep);
  clearTimeout(timer);
  if (!drained) {
    log.warn("stopping: requests still in flight after the deadline are dropped", { deadlineMs: DRAIN_DEADLINE_MS });
    s.servers.forEach((server) => server.closeAllConnections());
  }
  for (const step of s.steps) {
    try {
      await step.run();
    } catch (error) {
      log.warn("stopping: a stop step failed", { step: step.name, error });
    }
  }
  log.info("stopped", { signal, drained, ms: Date.now() - started });
  exit(0);
}
