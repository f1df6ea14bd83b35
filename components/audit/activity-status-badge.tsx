import { Badge, type BadgeTone } from "@/components/ui/badge";
import { statusClass } from "@/lib/query/activity";

const PHRASES: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

const TONES: Record<ReturnType<typeof statusClass>, BadgeTone> = { "2xx": "success", "4xx": "warning", "5xx": "danger" };

export const statusPhrase = (status: number) => PHRASES[status] ?? "";

/** An HTTP status as a badge coloured by its class: "409 Conflict". */
export function ActivityStatusBadge({ status }: { status: number }) {
  const phrase = statusPhrase(status);
  return (
    <Badge tone={TONES[statusClass(status)]}>
      <span className="tabular-nums">{status}</span>
      {/* The space makes the text read "409 Conflict"; the flex layout drops it, so ml-1 draws it. */}
      {phrase ? <span className="ml-1 font-normal">{` ${phrase}`}</span> : null}
    </Badge>
  );
}
