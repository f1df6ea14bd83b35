// The one-time setup code: derived from the server secret so every node (and the CLI) agrees on
// it without storing anything. It only matters while no site admin exists.
import { createHmac } from "node:crypto";
import { toBase62 } from "@/lib/ids";
import { digestsEqual } from "@/lib/tokens/token-format";

export function setupCode(authSecret: string) {
  const mac = createHmac("sha256", authSecret).update("roster-setup-code").digest();
  const a = toBase62(mac.readUInt32BE(0) % 62 ** 5, 5);
  const b = toBase62(mac.readUInt32BE(4) % 62 ** 5, 5);
  return `${a}-${b}`.toUpperCase();
}

export function setupCodeMatches(authSecret: string, given: string) {
  return digestsEqual(setupCode(authSecret), given.trim().toUpperCase());
}
