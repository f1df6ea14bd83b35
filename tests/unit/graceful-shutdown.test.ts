// The clean stop's core (lib/http/graceful-shutdown.ts) on a real HTTP server over real sockets:
// what is refused, answered, closed and dropped, and the stop steps' order. The whole `npm start`
// path (signal, activity rows, database) is e2e/api/shutdown.spec.ts.
import http, { type IncomingMessage, type Server, type ServerResponse } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { gracefulShutdown } from "@/lib/http/graceful-shutdown";

interface Harness {
  server: Server;
  port: number;
  shutdown: ReturnType<typeof gracefulShutdown>;
  calls: string[];
  exited: Promise<number>;
  /** Resolves when /slow has been received; /slow answers when `release` is called. */
  slowStarted: Promise<void>;
  release: () => void;
}

let open: Harness | undefined;

afterEach(async () => {
  open?.release();
  open?.server.closeAllConnections();
  await new Promise((resolve) => open?.server.close(resolve) ?? resolve(undefined));
  open = undefined;
});

async function harness(deadlineMs?: number): Promise<Harness> {
  const calls: string[] = [];
  let exit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  const shutdown = gracefulShutdown({
    steps: [
      { name: "first", run: async () => void calls.push("first") },
      { name: "failing", run: async () => Promise.reject(new Error("step failed")) },
      { name: "last", run: async () => void calls.push("last") },
    ],
    exit: (code) => {
      calls.push(`exit ${code}`);
      exit(code);
    },
    deadlineMs,
  });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const slowStarted = new Promise<void>((resolve) => (started = resolve));
  const server = http.createServer({ keepAlive: true }, (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "/slow") {
      started();
      void released.then(() => res.end("slow"));
    } else res.end("ok");
  });
  server.keepAliveTimeout = 65_000;
  // As installGracefulShutdown wires it: told of every event before the server's own listeners.
  const emit = server.emit as (event: string | symbol, ...args: unknown[]) => boolean;
  server.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    shutdown.seen(this, event, args);
    return emit.call(this, event, ...args);
  } as Server["emit"];
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  open = { server, port: (server.address() as AddressInfo).port, shutdown, calls, exited, slowStarted, release };
  return open;
}

/** A raw client socket that collects what the server sends and notes when it closes. */
async function client(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  const state = { text: "", closed: false };
  socket.on("data", (c: Buffer) => (state.text += c.toString()));
  socket.on("close", () => (state.closed = true));
  socket.on("error", () => {});
  await new Promise((resolve) => socket.once("connect", resolve));
  const send = (path: string) => socket.write(`GET ${path} HTTP/1.1\r\nHost: t\r\n\r\n`);
  return { socket, state, send };
}

const responses = (text: string) => text.split(/(?=HTTP\/1\.1 )/).filter(Boolean);
const until = async (check: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
};
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(false)));
    s.once("error", () => resolve(true));
  });

describe("graceful shutdown", () => {
  it("refuses new connections, closes idle ones at once, answers requests in flight, then runs the steps and exits 0", async () => {
    const h = await harness();
    const idle = await client(h.port);
    idle.send("/ok");
    await until(() => responses(idle.state.text).length === 1);
    const busy = await client(h.port);
    busy.send("/slow");
    await h.slowStarted;

    const stopped = h.shutdown.stop("SIGTERM");
    expect(h.shutdown.stopping).toBe(true);
    expect(await refused(h.port)).toBe(true);
    await until(() => idle.state.closed);
    // A request arriving on the busy connection while draining: answered, with Connection: close.
    busy.send("/ok");
    await new Promise((r) => setTimeout(r, 100));
    expect(h.calls).toEqual([]); // still draining
    h.release();
    await until(() => responses(busy.state.text).length === 2);
    const [slow, late] = responses(busy.state.text);
    expect(slow).toMatch(/^HTTP\/1\.1 200 /);
    expect(slow).toMatch(/slow$/);
    expect(late).toMatch(/^HTTP\/1\.1 200 /);
    expect(late).toMatch(/\r\nConnection: close\r\n/i);
    await until(() => busy.state.closed);

    expect(await h.exited).toBe(0);
    await stopped;
    // The failing step is logged and skipped; the others run in order, then the exit.
    expect(h.calls).toEqual(["first", "last", "exit 0"]);
  });

  it("drops the requests still running at the deadline, then runs the steps and exits 0", async () => {
    const h = await harness(1_000);
    const busy = await client(h.port);
    busy.send("/slow");
    await h.slowStarted;
    void h.shutdown.stop("SIGTERM");
    // Before the deadline the request is still waited for.
    await new Promise((r) => setTimeout(r, 100));
    expect(busy.state.closed).toBe(false);
    expect(h.calls).toEqual([]);
    expect(await h.exited).toBe(0);
    await until(() => busy.state.closed);
    expect(busy.state.text).toBe(""); // never answered
    expect(h.calls).toEqual(["first", "last", "exit 0"]);
  });

  it("stops once, however many signals arrive", async () => {
    const h = await harness();
    const first = h.shutdown.stop("SIGINT");
    const second = h.shutdown.stop("SIGINT");
    expect(second).toBe(first);
    await first;
    expect(h.calls).toEqual(["first", "last", "exit 0"]);
  });
});
