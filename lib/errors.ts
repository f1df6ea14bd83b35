// One error class for the whole core. Each surface (SCIM, JSON:API, console) maps it once.
export const APP_ERROR_CODES = {
  bad_request: 400, // malformed input (unparsable JSON, wrong syntax)
  invalid_value: 422, // well-formed but wrong value; SCIM maps to 400 invalidValue
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export interface AppErrorDetails {
  /** JSON pointer into the request document, e.g. "/data/attributes/name". */
  pointer?: string;
  /** RFC 7644 scimType, when the SCIM surface needs a specific one. */
  scimType?: string;
  /** Seconds a client should wait (429, 503). */
  retryAfter?: number;
  /** The request body was left unread: answer with `Connection: close`. */
  closeConnection?: boolean;
  /** The SCIM token a refusal came after (429, 403 behind a valid token): its activity row names it. */
  tokenId?: string;
  /** The existing SCIM resource a create collided with (409): its activity row names it. */
  conflictsWith?: { resourceType: "User" | "Group"; resourceId: string };
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: AppErrorDetails;
  constructor(code: AppErrorCode, message: string, details: AppErrorDetails = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return APP_ERROR_CODES[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export const notFound = (what = "Resource") => new AppError("not_found", `${what} not found`);
export const invalid = (message: string, pointer?: string) =>
  new AppError("invalid_value", message, { pointer });
