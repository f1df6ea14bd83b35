// HTTP/1.1 over a raw socket, for the specs that need what a client library hides: one connection
// reused or held idle, a request half sent, the server closing a connection.
import net from "node:net";

export interface RawResponse {
  /** Status line and headers. */
  head: string;
  body: string;
}

/** A connected socket to 127.0.0.1:`port`; socket errors surface as "close". */
export async function connectRaw(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  socket.on("error", () => {});
  return socket;
}

/** Whether 127.0.0.1:`port` accepts a connection. */
export const acceptsConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });

/** The body of a chunked message, or null while it is incomplete. */
function dechunk(raw: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf("\r\n", at);
    if (eol < 0) return null;
    const size = Number.parseInt(raw.subarray(at, eol).toString("latin1"), 16);
    if (size === 0) return raw.length >= eol + 4 ? Buffer.concat(parts) : null;
    if (raw.length < eol + 2 + size + 2) return null;
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** Reads the next HTTP/1.1 response on `socket` (Content-Length or chunked). */
export function readResponse(socket: net.Socket) {
  return new Promise<RawResponse>((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = received.subarray(0, end).toString("latin1");
      const rest = received.subarray(end + 4);
      const length = /\r\ncontent-length: *(\d+)/i.exec(head);
      const body = length ? (rest.length >= Number(length[1]) ? rest.subarray(0, Number(length[1])) : null) : /\r\ntransfer-encoding: *chunked/i.test(head) ? dechunk(rest) : rest;
      if (body === null) return;
      socket.off("data", onData);
      socket.off("close", onClose);
      resolve({ head, body: body.toString("utf8") });
    };
    const onClose = () => reject(new Error(`the server closed the connection (received: ${JSON.stringify(received.subarray(0, 200).toString("latin1"))})`));
    socket.on("data", onData);
    socket.once("close", onClose);
  });
}
