// Request-side rules shared by every /scim/v2 resource handler.
import { AppError } from "@/lib/errors";
import { readBodyText, parseStrictJson } from "@/lib/http/read-json";
import { SCIM_SCHEMA_LIST } from "@/lib/scim/values";

const syntax = (detail: string) => new AppError("bad_request", detail, { scimType: "invalidSyntax" });

/** POST/PUT/PATCH bodies: SCIM or plain JSON only, 1 MiB checked while streaming, strict JSON. */
export async function readScimBody(req: Request): Promise<unknown> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const text = await readBodyText(req);
  if (type !== "application/scim+json" && type !== "application/json") {
    throw syntax("Content-Type must be application/scim+json or application/json");
  }
  try {
    return parseStrictJson(text);
  } catch (e) {
    if (e instanceof AppError) throw new AppError("bad_request", e.message, { scimType: "invalidSyntax" });
    throw e;
  }
}

function intParam(url: URL, key: string): number | null {
  const raw = url.searchParams.get(key);
  if (raw === null || raw.trim() === "") return null;
  if (!/^-?\d+$/.test(raw.trim())) throw new AppError("bad_request", `${key} must be an integer`, { scimType: "invalidValue" });
  return Number(raw);
}

export const SCIM_MAX_COUNT = 200;

/** Beyond any store's size and within PostgreSQL's OFFSET; a larger startIndex reads as this one. */
export const SCIM_MAX_START_INDEX = 2_147_483_647;

/** startIndex (default 1, < 1 counts as 1) and count (default 100, max 200, negative = 0). */
export function pagingParams(url: URL) {
  const start = intParam(url, "startIndex");
  const count = intParam(url, "count");
  return {
    startIndex: start === null || start < 1 ? 1 : Math.min(start, SCIM_MAX_START_INDEX),
    count: count === null ? 100 : Math.min(SCIM_MAX_COUNT, Math.max(0, count)),
  };
}

export function listResponse(resources: unknown[], total: number, startIndex: number) {
  return { schemas: [SCIM_SCHEMA_LIST], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}
