import { jsonApiErrorResponse } from "@/lib/http/jsonapi";
import { newRequestId } from "@/lib/http/request-id";

// Any other /api/v2 path — a JSON:API 404, never an HTML page
const notFound = async () => jsonApiErrorResponse(newRequestId(), 404, "Not found");
export { notFound as GET, notFound as POST, notFound as PATCH, notFound as PUT, notFound as DELETE, notFound as OPTIONS };
