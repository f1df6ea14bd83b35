// The production server (`npm start`) keeps an idle kept-alive connection for 65 s, longer than
// the 60 s idle timeout of common load balancers: with Node's default of 5 s, a proxy or an IdP
// reusing a connection the server was just closing got a reset (a failed PATCH is not retried).
import { expect, test } from "../fixtures";
import { E2E_BASE_URL } from "../env";
import { connectRaw, readResponse } from "../raw-http";

/** Sends GET /api/health on `socket` and resolves with the response's head. */
async function exchange(socket: Awaited<ReturnType<typeof connectRaw>>, host: string) {
  const answer = readResponse(socket);
  socket.write(`GET /api/health HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`);
  return (await answer).head;
}

test("a kept-alive connection left idle for 8 s still serves the next request", async () => {
  const base = new URL(E2E_BASE_URL);
  const socket = await connectRaw(Number(base.port));
  let closed = false;
  socket.on("close", () => (closed = true));
  try {
    const first = await exchange(socket, base.host);
    expect(first).toMatch(/^HTTP\/1\.1 200 /);
    // The server tells the client how long it keeps an idle connection.
    expect(first).toMatch(/\r\nkeep-alive: timeout=65\b/i);
    // Longer than Node's default keep-alive (5 s), after which the server would have closed it.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    expect(closed).toBe(false);
    expect(await exchange(socket, base.host)).toMatch(/^HTTP\/1\.1 200 /);
  } finally {
    socket.destroy();
  }
});
