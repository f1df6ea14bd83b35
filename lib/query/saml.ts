// SAML single sign-on settings (/api/v2/admin/saml-settings).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, attrBool, attrString, expectOne, isApiError, type ApiResource } from "./api-client";
import { queryKeys } from "./keys";

export type SamlProviderType = "okta" | "entra" | "saml";

export const SAML_PROVIDER_TYPES: { value: SamlProviderType; label: string }[] = [
  { value: "okta", label: "Okta" },
  { value: "entra", label: "Microsoft Entra ID" },
  { value: "saml", label: "Other SAML 2.0" },
];

/** A signing certificate that expires within this many days is flagged. */
export const CERTIFICATE_EXPIRY_WARNING_DAYS = 30;

export type CertificateExpiry = { status: "expired" } | { status: "expiring"; days: number } | { status: "valid" };

export interface SamlSettings {
  enabled: boolean;
  providerType: SamlProviderType | null;
  idpEntityId: string | null;
  ssoUrl: string | null;
  certificate: string | null;
  idpInitiatedEnabled: boolean;
  certificateSubject: string | null;
  certificateExpiresAt: string | null;
  /** Derived from `certificateExpiresAt` when the settings were fetched. */
  certificateExpiry: CertificateExpiry | null;
  /** What the admin pastes into the identity provider. */
  spEntityId: string;
  spAcsUrl: string;
  spMetadataUrl: string;
}

/** The attributes an admin can change; `null` clears one. */
export interface SamlSettingsInput {
  enabled?: boolean;
  "provider-type"?: SamlProviderType | null;
  "idp-entity-id"?: string | null;
  "sso-url"?: string | null;
  certificate?: string | null;
  "idp-initiated-enabled"?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function certificateExpiry(expiresAt: string | null, now: number): CertificateExpiry | null {
  const at = expiresAt ? Date.parse(expiresAt) : NaN;
  if (Number.isNaN(at)) return null;
  if (at <= now) return { status: "expired" };
  const days = Math.ceil((at - now) / DAY_MS);
  return days <= CERTIFICATE_EXPIRY_WARNING_DAYS ? { status: "expiring", days } : { status: "valid" };
}

function toProviderType(v: string | null): SamlProviderType | null {
  return v === "okta" || v === "entra" || v === "saml" ? v : null;
}

function toSamlSettings(r: ApiResource, now: number): SamlSettings {
  const certificateExpiresAt = attrString(r, "certificate-expires-at");
  return {
    enabled: attrBool(r, "enabled"),
    providerType: toProviderType(attrString(r, "provider-type")),
    idpEntityId: attrString(r, "idp-entity-id"),
    ssoUrl: attrString(r, "sso-url"),
    certificate: attrString(r, "certificate"),
    idpInitiatedEnabled: attrBool(r, "idp-initiated-enabled"),
    certificateSubject: attrString(r, "certificate-subject"),
    certificateExpiresAt,
    certificateExpiry: certificateExpiry(certificateExpiresAt, now),
    spEntityId: attrString(r, "sp-entity-id") ?? "",
    spAcsUrl: attrString(r, "sp-acs-url") ?? "",
    spMetadataUrl: attrString(r, "sp-metadata-url") ?? "",
  };
}

/** The values a form edits, as strings ("" = not set). */
export interface SamlFormValues {
  enabled: boolean;
  providerType: SamlProviderType | "";
  idpEntityId: string;
  ssoUrl: string;
  certificate: string;
  idpInitiatedEnabled: boolean;
}

export function samlFormValues(s: SamlSettings): SamlFormValues {
  return {
    enabled: s.enabled,
    providerType: s.providerType ?? "",
    idpEntityId: s.idpEntityId ?? "",
    ssoUrl: s.ssoUrl ?? "",
    certificate: s.certificate ?? "",
    idpInitiatedEnabled: s.idpInitiatedEnabled,
  };
}

/** Only what the form changed, so an untouched attribute is never re-validated or cleared. */
export function samlChanges(saved: SamlFormValues, edited: SamlFormValues): SamlSettingsInput {
  const out: SamlSettingsInput = {};
  const text = (v: string) => (v.trim() === "" ? null : v.trim());
  if (edited.providerType !== saved.providerType) out["provider-type"] = edited.providerType || null;
  if (edited.idpEntityId.trim() !== saved.idpEntityId.trim()) out["idp-entity-id"] = text(edited.idpEntityId);
  if (edited.ssoUrl.trim() !== saved.ssoUrl.trim()) out["sso-url"] = text(edited.ssoUrl);
  if (edited.certificate.trim() !== saved.certificate.trim()) out.certificate = text(edited.certificate);
  if (edited.idpInitiatedEnabled !== saved.idpInitiatedEnabled) out["idp-initiated-enabled"] = edited.idpInitiatedEnabled;
  if (edited.enabled !== saved.enabled) out.enabled = edited.enabled;
  return out;
}

/** Every field error of a 422, by attribute name (the API may point at more than one field). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(error)) return out;
  for (const e of error.errors) {
    const m = e.source?.pointer?.match(/^\/data\/attributes\/([^/]+)$/);
    if (m?.[1] && !(m[1] in out)) out[m[1]] = e.detail ?? e.title ?? "This value is not valid.";
  }
  return out;
}

const PATH = "/admin/saml-settings";

export async function fetchSamlSettings(signal?: AbortSignal): Promise<SamlSettings> {
  return toSamlSettings(expectOne(await apiFetch(PATH, { signal })), Date.now());
}

export function useSamlSettings() {
  return useQuery({ queryKey: queryKeys.saml.settings(), queryFn: ({ signal }) => fetchSamlSettings(signal) });
}

export function useUpdateSamlSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (attributes: SamlSettingsInput) =>
      toSamlSettings(expectOne(await apiFetch(PATH, { method: "PATCH", body: { data: { type: "saml-settings", attributes } } })), Date.now()),
    onSuccess: (settings) => {
      qc.setQueryData(queryKeys.saml.settings(), settings);
      // Whether SCIM can be enabled depends on SAML being enabled.
      return Promise.all([qc.invalidateQueries({ queryKey: queryKeys.saml.all() }), qc.invalidateQueries({ queryKey: queryKeys.scim.settings() })]);
    },
  });
}
