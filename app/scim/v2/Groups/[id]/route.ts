// /scim/v2/Groups/{id} as the IdPs spell it (see ../route.ts).
import { scimRoute } from "../../[[...path]]/router";

const route = scimRoute(["Groups"], "id");
export const GET = route.GET;
export const POST = route.POST;
export const PUT = route.PUT;
export const PATCH = route.PATCH;
export const DELETE = route.DELETE;
export const OPTIONS = route.OPTIONS;
