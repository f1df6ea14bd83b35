import { scimError } from "@/lib/http/scim-response";
import { newRequestId } from "@/lib/http/request-id";

// Any /scim/v2 path not served elsewhere — a SCIM 404 body, never an HTML page
const notFound = async () => scimError(newRequestId(), 404, "Unknown SCIM endpoint", null);
export { notFound as GET, notFound as POST, notFound as PATCH, notFound as PUT, notFound as DELETE };
