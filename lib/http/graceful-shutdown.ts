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

export interface StopStep {
  name: string;
  run: () => Promise<void>;
}

export interface ShutdownOptions {
  /** Run in order after the last request; a failing step is logged and the stop goes on. */
  steps: StopStep[];
  exit: (code: number) => void;
  deadlineMs?: number;
}

/**
 * The stop, apart from how it is wired to the process: `seen` is told of every server event
 * (before the server's own listeners), `stop` runs once, whatever calls it how often.
 */
export function gracefulShutdown(options: ShutdownOptions) {
  const servers = new Set<Server>();
  let stopping: Promise<void> | null = null;
  return {
    get stopping() {
      return stopping !== null;
    },
    seen(server: Server, event: string | symbol, args: unknown[]) {
      // A server is known from its first connection or request (the request case covers a
      // connection accepted before the hook was installed, while the server was starting).
      if (event === "connection") servers.add(server);
      else if (event === "request") {
        servers.add(server);
        if (stopping) (args[1] as { setHeader(name: string, value: string): void }).setHeader("Connection", "close");
      }
    },
    stop(signal: string) {
      stopping ??= drainAndExit(servers, signal, options);
      return stopping;
    },
  };
}

async function drainAndExit(servers: Set<Server>, signal: string, { steps, exit, deadlineMs = DRAIN_DEADLINE_MS }: ShutdownOptions) {
  const started = Date.now();
  log.info("stopping: no new connections; draining requests in flight", { signal, deadlineMs });
  const closed = [...servers].map(
    (server) =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  );
  // A connection whose request finishes while draining falls idle; it is closed then, not after
  // the keep-alive timeout.
  const sweep = setInterval(() => servers.forEach((server) => server.closeIdleConnections()), IDLE_SWEEP_MS);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const drained = await Promise.race([
    Promise.all(closed).then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs))),
  ]);
  clearInterval(sweep);
  clearTimeout(timer);
  if (!drained) {
    log.warn("stopping: requests still in flight after the deadline are dropped", { deadlineMs });
    servers.forEach((server) => server.closeAllConnections());
  }
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      log.warn("stopping: a stop step failed", { step: step.name, error });
    }
  }
  log.info("stopped", { signal, drained, ms: Date.now() - started });
  exit(0);
}

const INSTALLED = Symbol.for("roster.graceful-shutdown");
type ShutdownGlobal = { [INSTALLED]?: boolean };

/**
 * Wires the stop to this process, once: every HTTP(S) server's events, and SIGTERM and SIGINT.
 * A second signal while draining changes nothing: `npm start` in a terminal gets Ctrl-C twice
 * (the process group's and the one npm forwards).
 */
export async function installGracefulShutdown(steps: StopStep[]) {
  const g = globalThis as ShutdownGlobal;
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  const shutdown = gracefulShutdown({ steps, exit: (code) => process.exit(code) });
  const [http, https] = await Promise.all([import("node:http"), import("node:https")]);
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (event: string | symbol, ...args: unknown[]) => boolean }[]) {
    const emit = proto.emit;
    proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
      shutdown.seen(this, event, args);
      return emit.call(this, event, ...args);
    };
  }
  const onSignal = (signal: NodeJS.Signals) => void shutdown.stop(signal);
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
