// /scim/v2/Groups as the IdPs spell it: Next.js matches a static route before the catch-all, which is
// cheaper on the hottest paths. Same router, same behaviour.
import { scimRoute } from "../[[...path]]/router";

const route = scimRoute(["Groups"]);
export const GET = route.GET;
export const POST = route.POST;
export const PUT = route.PUT;
export const PATCH = route.PATCH;
export const DELETE = route.DELETE;
export const OPTIONS = route.OPTIONS;
