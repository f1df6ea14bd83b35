// SAML settings (singleton). Stored and validated here; SAML sign-in itself uses them later.
import { eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { samlSettings, scimSettings, type SamlSettingsRow } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record-event";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { inspectCertificate } from "./certificate";

export const PROVIDER_TYPES = ["okta", "entra", "saml"] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export interface SamlSettingsPatch {
  enabled?: boolean;
  providerType?: ProviderType | null;
  idpEntityId?: string | null;
  ssoUrl?: string | null;
  certificate?: string | null;
  idpInitiatedEnabled?: boolean;
}

const ptr = (attr: string) => `/data/attributes/${attr}`;
const invalid = (attr: string, message: string) => new AppError("invalid_value", message, { pointer: ptr(attr) });

export async function getSamlSettings(db: DbOrTx): Promise<SamlSettingsRow> {
  const [row] = await db.select().from(samlSettings).where(eq(samlSettings.id, "saml")).limit(1);
  if (!row) throw new AppError("internal", "SAML settings row is missing");
  return row;
}

/** Everything a sign-in needs is saved (enabled or not: "Test sign-in" runs before enabling). */
export function isSamlConfigured(row: SamlSettingsRow) {
  return !!row.providerType && !!row.idpEntityId && !!row.ssoUrl && !!row.certificate;
}

export function isSamlReady(row: SamlSettingsRow) {
  return row.enabled && isSamlConfigured(row);
}

/** Validates raw JSON:API attributes into a patch; only the attributes sent are present. */
export function parseSamlPatch(attrs: Record<string, unknown>): SamlSettingsPatch {
  const patch: SamlSettingsPatch = {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(attrs, k);
  if (has("enabled")) {
    if (typeof attrs.enabled !== "boolean") throw invalid("enabled", "enabled must be a boolean");
    patch.enabled = attrs.enabled;
  }
  if (has("idp-initiated-enabled")) {
    if (typeof attrs["idp-initiated-enabled"] !== "boolean") throw invalid("idp-initiated-enabled", "idp-initiated-enabled must be a boolean");
    patch.idpInitiatedEnabled = attrs["idp-initiated-enabled"];
  }
  if (has("provider-type")) {
    const v = attrs["provider-type"];
    if (v !== null && !PROVIDER_TYPES.includes(v as ProviderType)) {
      throw invalid("provider-type", "provider-type must be one of okta, entra, saml");
    }
    patch.providerType = v as ProviderType | null;
  }
  if (has("idp-entity-id")) {
    const v = attrs["idp-entity-id"];
    if (v !== null && (typeof v !== "string" || v.trim() === "" || v.length > 1024)) {
      throw invalid("idp-entity-id", "idp-entity-id must be a non-empty string of at most 1024 characters");
    }
    patch.idpEntityId = v === null ? null : (v as string).trim();
  }
  if (has("sso-url")) {
    const v = attrs["sso-url"];
    if (v !== null) {
      let url: URL | null = null;
      try {
        url = typeof v === "string" && v.length <= 2048 ? new URL(v) : null;
      } catch {
        url = null;
      }
      if (!url || url.protocol !== "https:") throw invalid("sso-url", "sso-url must be an https:// URL");
      patch.ssoUrl = url.toString();
    } else patch.ssoUrl = null;
  }
  if (has("certificate")) {
    const v = attrs.certificate;
    if (v !== null) {
      if (typeof v !== "string" || v.length > 20_000) throw invalid("certificate", "certificate must be a PEM string");
      const inspected = inspectCertificate(v);
      if (!inspected.ok) throw invalid("certificate", inspected.reason);
      patch.certificate = inspected.pem;
    } else patch.certificate = null;
  }
  return patch;
}

async function lockSaml(tx: Tx) {
  const [row] = await tx.select().from(samlSettings).where(eq(samlSettings.id, "saml")).for("update");
  return row!;
}

export async function updateSamlSettings(ctx: Ctx, patch: SamlSettingsPatch) {
  return ctx.db.transaction(async (tx) => {
    // Lock order: SCIM settings first (SPEC §7), then SAML.
    const [scim] = await tx.select().from(scimSettings).where(eq(scimSettings.id, "scim")).for("share");
    const current = await lockSaml(tx);
    const next: SamlSettingsRow = {
      ...current,
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.providerType !== undefined ? { providerType: patch.providerType } : {}),
      ...(patch.idpEntityId !== undefined ? { idpEntityId: patch.idpEntityId } : {}),
      ...(patch.ssoUrl !== undefined ? { ssoUrl: patch.ssoUrl } : {}),
      ...(patch.certificate !== undefined ? { certificate: patch.certificate } : {}),
      ...(patch.idpInitiatedEnabled !== undefined ? { idpInitiatedEnabled: patch.idpInitiatedEnabled } : {}),
    };
    if (scim?.enabled && !isSamlReady(next)) {
      throw new AppError(
        "invalid_value",
        "Disable SCIM provisioning first: SCIM provisioning needs SAML single sign-on to stay configured and enabled",
        { pointer: ptr("enabled") },
      );
    }
    if (next.enabled) {
      const missing = (
        [
          ["provider-type", next.providerType],
          ["idp-entity-id", next.idpEntityId],
          ["sso-url", next.ssoUrl],
          ["certificate", next.certificate],
        ] as const
      ).find(([, v]) => !v);
      if (missing) throw invalid(missing[0], `${missing[0]} is required to enable SAML single sign-on`);
    }
    const changed = (Object.keys(patch) as (keyof SamlSettingsPatch)[]).filter((k) => next[k] !== current[k]);
    if (changed.length === 0) {
      await recordEvent(tx, ctx, { action: "saml-settings.update", target: { type: "saml-settings", id: "saml" }, outcome: "noop" });
      return current;
    }
    const [row] = await tx
      .update(samlSettings)
      .set({ ...next, updatedAt: ctx.now })
      .where(eq(samlSettings.id, "saml"))
      .returning();
    await recordEvent(tx, ctx, {
      action: "saml-settings.update",
      target: { type: "saml-settings", id: "saml" },
      // Names of what changed and the switches' values; never the certificate body.
      summary: { changed, enabled: next.enabled, providerType: next.providerType, idpInitiatedEnabled: next.idpInitiatedEnabled },
    });
    return row!;
  });
}
