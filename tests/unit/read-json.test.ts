import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, parseStrictJson, readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors";

function chunked(parts: Uint8Array[]) {
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of parts) c.enqueue(p);
      c.close();
    },
  });
  return new Request("http://x/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
}

async function codeOf(p: Promise<unknown> | (() => unknown)) {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    return (e as AppError).code;
  }
  return "ok";
}

describe("strict JSON reading", () => {
  it("parses ordinary JSON", async () => {
    expect(await readJson(new Request("http://x/", { method: "POST", body: '{"a":[1,{"b":true}]}' }))).toEqual({ a: [1, { b: true }] });
  });

  it("refuses malformed JSON, empty bodies, __proto__ keys and deep nesting as bad requests", async () => {
    expect(await codeOf(() => parseStrictJson("{"))).toBe("bad_request");
    expect(await codeOf(() => parseStrictJson(""))).toBe("bad_request");
    expect(await codeOf(() => parseStrictJson('{"__proto__":{"admin":true}}'))).toBe("bad_request");
    expect(await codeOf(() => parseStrictJson("[".repeat(40) + "]".repeat(40)))).toBe("bad_request");
    expect(await codeOf(() => parseStrictJson("[".repeat(20) + "]".repeat(20)))).toBe("ok");
  });

  it("reads constructor and prototype as ordinary keys (only __proto__ is refused)", () => {
    const v = parseStrictJson('{"constructor":{"prototype":1},"prototype":"x"}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(["constructor", "prototype"]);
    expect(v.prototype).toBe("x");
    expect(() => parseStrictJson('{"a":[{"__proto__":1}]}')).toThrow(/__proto__/);
  });

  it("refuses unpaired surrogate escapes in values and keys, accepts escaped pairs", () => {
    for (const text of ['{"a":"\\ud800"}', '{"a":"x\\udfffy"}', '{"a":["\\ud83d"]}', '{"\\ud800":1}', '{"a":"\\ude00\\ud83d"}']) {
      expect(() => parseStrictJson(text), text).toThrow(expect.objectContaining({ code: "bad_request", message: expect.stringMatching(/surrogate/) }));
    }
    expect(parseStrictJson('{"a":"\\ud83d\\ude00"}')).toEqual({ a: "\u{1F600}" });
  });

  it("enforces the byte limit while streaming, also without a Content-Length", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const parts = Array.from({ length: MAX_BODY_BYTES / chunk.length + 1 }, () => chunk);
    expect(await codeOf(readJson(chunked(parts)))).toBe("too_large");
    // The unread rest of the body means the connection cannot be reused.
    await expect(readJson(chunked(parts))).rejects.toMatchObject({ details: { closeConnection: true } });
    const exactly = Array.from({ length: MAX_BODY_BYTES / chunk.length }, () => chunk);
    exactly[exactly.length - 1] = new Uint8Array(chunk.length).fill(0x20);
    exactly[0] = new TextEncoder().encode("{}".padEnd(chunk.length, " "));
    expect(await readJson(chunked(exactly))).toEqual({});
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const req = new Request("http://x/", { method: "POST", body: "{}", headers: { "content-length": String(MAX_BODY_BYTES + 1) } });
    expect(await codeOf(readJson(req))).toBe("too_large");
  });
});
