// Every /scim/v2 URL not served by a static route below (any case, trailing slashes, unknown ones).
import { scimRoute } from "./router";

const route = scimRoute([], "path");
export const GET = route.GET;
export const POST = route.POST;
export const PUT = route.PUT;
export const PATCH = route.PATCH;
export const DELETE = route.DELETE;
export const OPTIONS = route.OPTIONS;
