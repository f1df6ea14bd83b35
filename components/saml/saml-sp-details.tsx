"use client";
import { useId, useRef } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import type { SamlSettings } from "@/lib/query/saml";

function CopyField({ label, value, hint }: { label: string; value: string; hint: string }) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <Input
          ref={ref}
          id={id}
          readOnly
          value={value}
          aria-describedby={`${id}-hint`}
          className="font-mono text-[0.8125rem]"
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton value={value} label={`Copy ${label}`} disabled={!value} onFallback={() => ref.current?.select()} />
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
    </div>
  );
}

/** What the admin pastes into Entra ID or Okta when creating the SAML application. */
export function SamlSpDetails({ settings }: { settings: SamlSettings }) {
  return (
    <section aria-labelledby="saml-sp-heading" className="mb-6 rounded-lg border border-slate-200 bg-white px-5 py-5 shadow-sm">
      <h2 id="saml-sp-heading" className="text-base font-semibold text-slate-900">
        Roster&apos;s details for your identity provider
      </h2>
      <p className="mt-1 text-sm text-slate-600">Paste these into the SAML application you create in Microsoft Entra ID, Okta or another SAML 2.0 provider.</p>
      <div className="mt-4 space-y-4">
        <CopyField
          label="SP entity ID"
          value={settings.spEntityId}
          hint="Entra: Identifier (Entity ID). Okta: Audience URI (SP Entity ID)."
        />
        <CopyField
          label="ACS URL"
          value={settings.spAcsUrl}
          hint="Entra: Reply URL (Assertion Consumer Service URL). Okta: Single sign-on URL. Responses are posted here (HTTP-POST)."
        />
        <CopyField
          label="Metadata URL"
          value={settings.spMetadataUrl}
          hint="Identity providers that import SP metadata can read all of the above from this URL."
        />
      </div>
    </section>
  );
}
