// Strict request-body reading shared by both APIs: a byte limit enforced while streaming (also
// for chunked bodies), strict JSON, no `__proto__` keys, no unpaired surrogate escapes, bounded
// nesting.
import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 1_048_576;
const MAX_DEPTH = 32;

export async function readBodyText(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = req.headers.get("content-length");
  // The rest of the body is never read, so the connection cannot be reused (SPEC §4.1).
  if (declared && Number(declared) > limit) throw new AppError("too_large", `Request body exceeds ${limit} bytes`, { closeConnection: true });
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError("too_large", `Request body exceeds ${limit} bytes`, { closeConnection: true });
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

function checkDepth(value: unknown) {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v && typeof v === "object") {
      if (d > MAX_DEPTH) throw new AppError("bad_request", "JSON body is nested too deeply", { scimType: "invalidSyntax" });
      for (const child of Object.values(v)) stack.push([child, d + 1]);
    }
  }
}

class BadJson extends Error {}

export function parseStrictJson(text: string): unknown {
  if (text.trim() === "") throw new AppError("bad_request", "Request body is empty", { scimType: "invalidSyntax" });
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v) => {
      // `constructor` and `prototype` are ordinary (unknown, ignored) attribute names; only
      // `__proto__` could reach an object's prototype.
      if (key === "__proto__") throw new BadJson("Request body must not contain a __proto__ key");
      // "\ud800" is valid JSON but no character: PostgreSQL refuses it in jsonb and the UTF-8
      // encoder would store U+FFFD instead, so such strings are refused on every surface alike.
      if (!key.isWellFormed() || (typeof v === "string" && !v.isWellFormed())) {
        throw new BadJson("Request body contains an unpaired UTF-16 surrogate (\\uD800–\\uDFFF) escape");
      }
      return v;
    });
  } catch (e) {
    throw new AppError("bad_request", e instanceof BadJson ? e.message : "Request body is not valid JSON", { scimType: "invalidSyntax" });
  }
  checkDepth(value);
  return value;
}

export async function readJson(req: Request, limit = MAX_BODY_BYTES) {
  return parseStrictJson(await readBodyText(req, limit));
}
