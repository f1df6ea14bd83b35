// The production server (`npm start`) keeps an idle kept-alive connection for 65 s, longer than
// the 60 s idle timeout of common load balancers: with Node's default of 5 s, a proxy or an IdP
// reusing a connection the server was just closing got a reset (a failed PATCH is not retried).
import net from "node:net";
import { expect, test } from "../fixtures";
import { E2E_BASE_URL } from "../env";

/** Sends one request on `socket` and resolves with the response's head (status line and headers). */
function exchange(socket: net.Socket, host: string) {
  return new Promise<string>((resolve, reject) => {
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk.toString("latin1");
      const head = text.indexOf("\r\n\r\n");
      if (head < 0) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, head));
      const chunked = /\r\ntransfer-encoding: *chunked/i.test(text.slice(0, head));
      const complete = length ? text.length >= head + 4 + Number(length[1]) : chunked ? text.endsWith("\r\n0\r\n\r\n") : false;
      if (!complete) return;
      socket.off("data", onData);
      socket.off("close", onClose);
      resolve(text.slice(0, head));
    };
    const onClose = () => reject(new Error("the server closed the connection"));
    socket.on("data", onData);
    socket.once("close", onClose);
    socket.write(`GET /api/health HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`);
  });
}

test("a kept-alive connection left idle for 8 s still serves the next request", async () => {
  const base = new URL(E2E_BASE_URL);
  const socket = net.connect(Number(base.port), base.hostname);
  let closedAt: number | null = null;
  socket.on("close", () => (closedAt = Date.now()));
  socket.on("error", () => {});
  await new Promise((resolve) => socket.once("connect", resolve));
  try {
    const first = await exchange(socket, base.host);
    expect(first.startsWith("HTTP/1.1 200 OK\r\n")).toBe(true);
    // The server tells the client how long it keeps an idle connection.
    expect(first).toMatch(/\r\nkeep-alive: timeout=65\b/i);
    // Longer than Node's default keep-alive (5 s), after which the server would have closed it.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    expect(closedAt).toBeNull();
    expect((await exchange(socket, base.host)).startsWith("HTTP/1.1 200 OK\r\n")).toBe(true);
  } finally {
    socket.destroy();
  }
});
