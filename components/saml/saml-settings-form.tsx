"use client";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-client";
import {
  fieldErrors,
  SAML_PROVIDER_TYPES,
  samlChanges,
  samlFormValues,
  useUpdateSamlSettings,
  type SamlFormValues,
  type SamlProviderType,
  type SamlSettings,
} from "@/lib/query/saml";
import { SamlCertificateStatus } from "./saml-certificate-status";

const WRITABLE = ["enabled", "provider-type", "idp-entity-id", "sso-url", "certificate", "idp-initiated-enabled"];

function Checkbox({
  label,
  hint,
  error,
  checked,
  onChange,
  name,
}: {
  label: string;
  hint?: React.ReactNode;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name: string;
}) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        name={name}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600"
      />
      <div className="space-y-0.5">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        {error ? (
          <p id={`${id}-error`} className="text-sm text-red-600">
            {error}
          </p>
        ) : null}
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function SamlSettingsForm({ settings, isScimOn }: { settings: SamlSettings; isScimOn: boolean }) {
  const update = useUpdateSamlSettings();
  const toast = useToast();
  const [saved, setSaved] = useState<SamlFormValues>(() => samlFormValues(settings));
  const [values, setValues] = useState<SamlFormValues>(saved);
  const set = <K extends keyof SamlFormValues>(key: K, value: SamlFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const errors = fieldErrors(update.error);
  const hasFieldError = WRITABLE.some((k) => k in errors);
  const otherError = update.error && !hasFieldError ? errorMessage(update.error) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const changes = samlChanges(saved, values);
    if (Object.keys(changes).length === 0) {
      toast({ title: "No changes to save", tone: "info" });
      return;
    }
    update.mutate(changes, {
      onSuccess: (next) => {
        const nextValues = samlFormValues(next);
        setSaved(nextValues);
        setValues(nextValues);
        toast({ title: "SAML settings saved", description: next.enabled ? "Single sign-on is enabled." : "Single sign-on is disabled." });
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="SAML settings" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      {update.error ? (
        <div className="px-5 pt-4">
          <Alert tone="danger" title="The settings were not saved">
            {otherError ?? "Correct the fields marked below and save again."}
          </Alert>
        </div>
      ) : null}

      <div className="px-5 py-5">
        <fieldset>
          <legend className="mb-3 block text-base font-semibold text-slate-900">Identity provider</legend>
          <div className="space-y-4">
            <Field label="Provider type" error={errors["provider-type"]}>
              {(p) => (
                <Select {...p} name="provider-type" value={values.providerType} onChange={(e) => set("providerType", e.target.value as SamlProviderType | "")} className="max-w-xs">
                  <option value="">Choose a provider</option>
                  {SAML_PROVIDER_TYPES.map((t) => (
                    <option key={t.value} value={t.value}>
                      {t.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="IdP entity ID" error={errors["idp-entity-id"]} hint="The issuer your identity provider puts in its SAML responses.">
              {(p) => (
                <Input
                  {...p}
                  name="idp-entity-id"
                  value={values.idpEntityId}
                  onChange={(e) => set("idpEntityId", e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="http://www.okta.com/exk1a2b3c4d5e6f7g8h9"
                />
              )}
            </Field>
            <Field label="SSO URL" error={errors["sso-url"]} hint="Where Roster sends users to sign in. Must start with https://.">
              {(p) => (
                <Input
                  {...p}
                  name="sso-url"
                  type="url"
                  inputMode="url"
                  value={values.ssoUrl}
                  onChange={(e) => set("ssoUrl", e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="https://example.okta.com/app/roster/sso/saml"
                />
              )}
            </Field>
            <Field
              label="Signing certificate"
              error={errors.certificate}
              hint="The identity provider's X.509 signing certificate in PEM format, with an RSA key of at least 2048 bits or an EC key."
            >
              {(p) => (
                <Textarea
                  {...p}
                  name="certificate"
                  value={values.certificate}
                  onChange={(e) => set("certificate", e.target.value)}
                  rows={8}
                  spellCheck={false}
                  autoComplete="off"
                  className="font-mono text-xs"
                  placeholder={"-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----"}
                />
              )}
            </Field>
            <SamlCertificateStatus settings={settings} />
          </div>
        </fieldset>
      </div>

      <div className="border-t border-slate-100 px-5 py-5">
        <fieldset>
          <legend className="mb-3 block text-base font-semibold text-slate-900">Sign-in</legend>
          <div className="space-y-4">
            <Checkbox
              name="idp-initiated-enabled"
              label="Allow IdP-initiated sign-in"
              checked={values.idpInitiatedEnabled}
              onChange={(v) => set("idpInitiatedEnabled", v)}
              error={errors["idp-initiated-enabled"]}
              hint="Lets users start from the identity provider's app dashboard. Leave it off unless your users need it: SP-initiated sign-in is safer."
            />
            <Checkbox
              name="enabled"
              label="Enable SAML single sign-on"
              checked={values.enabled}
              onChange={(v) => set("enabled", v)}
              error={errors.enabled}
              hint={
                isScimOn && saved.enabled
                  ? "SCIM provisioning is on. Disable it on the SCIM page before you turn off single sign-on."
                  : "Needs a provider type, IdP entity ID, SSO URL and signing certificate. SCIM provisioning can be enabled only while single sign-on is."
              }
            />
          </div>
        </fieldset>
      </div>

      <div className="flex items-center justify-end gap-2 rounded-b-lg border-t border-slate-100 bg-slate-50 px-5 py-3">
        <Button
          variant="secondary"
          onClick={() => {
            update.reset();
            setValues(saved);
          }}
          disabled={update.isPending}
        >
          Discard changes
        </Button>
        <Button type="submit" isPending={update.isPending}>
          Save
        </Button>
      </div>
    </form>
  );
}
