import { handlers } from "@/lib/auth";

// GET/POST /api/auth/* — Auth.js endpoints (session, CSRF, callbacks, sign-out)
export const { GET, POST } = handlers;
