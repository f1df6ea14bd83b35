import type { DbOrTx } from "@/db/client";

/** Who is acting: a console or API user, a SCIM token, or the system itself (CLI, setup). */
export type Actor =
  | { type: "user"; id: string }
  | { type: "scim-token"; id: string }
  | { type: "system"; id: null };

/** Every use case takes this first; the core never reads cookies, headers or process.env. */
export interface Ctx {
  db: DbOrTx;
  actor: Actor;
  now: Date;
  requestId: string;
}

export const systemActor: Actor = { type: "system", id: null };
