// Puts the singleton SCIM and SAML settings into a known state for a test.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { samlSettings, scimSettings } from "@/db/schema";
import { selfSignedCertificate } from "./certificates";

let cert: string | undefined;

export async function setSaml(db: Db, enabled: boolean) {
  cert ??= selfSignedCertificate();
  await db
    .update(samlSettings)
    .set(
      enabled
        ? { enabled: true, providerType: "entra", idpEntityId: "https://sts.windows.net/tenant/", ssoUrl: "https://login.example.com/saml2", certificate: cert }
        : { enabled: false },
    )
    .where(eq(samlSettings.id, "saml"));
}

export async function setScim(db: Db, state: "disabled" | "enabled" | "paused") {
  await db
    .update(scimSettings)
    .set({ enabled: state !== "disabled", paused: state === "paused", siteAdminGroupId: null })
    .where(eq(scimSettings.id, "scim"));
}
