// Strict request-body reading shared by both APIs: a byte limit enforced while streaming (also
// for chunked bodies), strict JSON, no `__proto__` keys, bounded nesting.
import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 1_048_576;
const MAX_DEPTH = 32;

export async function readBodyText(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared && Number(declared) > limit) throw new AppError("too_large", `Request body exceeds ${limit} bytes`);
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
      throw new AppError("too_large", `Request body exceeds ${limit} bytes`);
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

export function parseStrictJson(text: string): unknown {
  if (text.trim() === "") throw new AppError("bad_request", "Request body is empty", { scimType: "invalidSyntax" });
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v) => {
      if (key === "__proto__" || key === "constructor" || key === "prototype") {
        throw new SyntaxError("forbidden key");
      }
      return v;
    });
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON", { scimType: "invalidSyntax" });
  }
  checkDepth(value);
  return value;
}

export async function readJson(req: Request, limit = MAX_BODY_BYTES) {
  return parseStrictJson(await readBodyText(req, limit));
}
