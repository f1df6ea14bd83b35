"use client";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage, fieldError } from "@/lib/query/api-client";
import {
  TOKEN_EXPIRY_PRESET_DAYS,
  tokenDateBounds,
  tokenExpiryInstant,
  useCreateScimToken,
  type CreatedScimToken,
  type TokenExpiryChoice,
} from "@/lib/query/scim";
import { CopyButton } from "./copy-button";

const FORM_ID = "scim-token-create-form";
type Choice = (typeof TOKEN_EXPIRY_PRESET_DAYS)[number] | "custom";

/**
 * Creates a SCIM token, then shows its secret once. Mount it only while open: unmounting drops the
 * secret from memory.
 */
export function ScimTokenCreateDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateScimToken();
  const created = create.data;
  const secretRef = useRef<HTMLInputElement>(null);

  // The form's fields go away once the token exists; move focus to the secret.
  useEffect(() => {
    if (created) secretRef.current?.focus();
  }, [created]);

  return (
    <Dialog
      open
      onClose={onClose}
      title={created ? "SCIM token created" : "Create SCIM token"}
      description={
        created
          ? `${created.token.description ? `“${created.token.description}”` : "The token"} is ready. Your identity provider can use it to authenticate to the SCIM API.`
          : "Your identity provider sends this token with every provisioning request."
      }
      isBusy={create.isPending}
      footer={
        created ? (
          <Button onClick={onClose}>Done</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" form={FORM_ID} isPending={create.isPending}>
              Create Token
            </Button>
          </>
        )
      }
    >
      {created ? <TokenSecret created={created} inputRef={secretRef} /> : <TokenForm create={create} />}
    </Dialog>
  );
}

/** "2027-01-03" → "Jan 3, 2027" in the viewer's locale. */
function formatDay(isoDate: string) {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

function TokenForm({ create }: { create: ReturnType<typeof useCreateScimToken> }) {
  // The moment the dialog opened: the reference for presets, date bounds and the preview.
  const [now] = useState(() => Date.now());
  const [description, setDescription] = useState("");
  const [choice, setChoice] = useState<Choice>(90);
  const [date, setDate] = useState("");
  const [dateError, setDateError] = useState<string | null>(null);
  const legendId = useId();
  const bounds = tokenDateBounds(now);

  const expiryChoice: TokenExpiryChoice = choice === "custom" ? { kind: "date", date } : { kind: "days", days: choice };
  const expiresAt = tokenExpiryInstant(expiryChoice, now);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!expiresAt) {
      setDateError("Choose the date the token expires.");
      return;
    }
    // The same rule the API applies, said in days and dates rather than its wording.
    if (choice === "custom" && (date < bounds.min || date > bounds.max)) {
      setDateError(`Pick a date from ${formatDay(bounds.min)} to ${formatDay(bounds.max)}.`);
      return;
    }
    setDateError(null);
    create.mutate({ description, expiredAt: expiresAt });
  };

  const expiryError = dateError ?? fieldError(create.error, "expired-at");
  const descriptionError = fieldError(create.error, "description");
  const otherError = create.error && !expiryError && !descriptionError ? errorMessage(create.error) : null;

  return (
    <form id={FORM_ID} onSubmit={submit} noValidate className="space-y-5">
      {otherError ? <Alert tone="danger">{otherError}</Alert> : null}
      <Field label="Description" error={descriptionError} hint="Name the identity provider and environment, so you can tell tokens apart when you rotate them.">
        {(p) => (
          <Input {...p} name="description" value={description} onChange={(e) => setDescription(e.target.value)} autoComplete="off" maxLength={255} placeholder="Okta production" />
        )}
      </Field>
      <fieldset aria-labelledby={legendId} className="space-y-2">
        <legend id={legendId} className="text-sm font-medium text-slate-700">
          Expiration
        </legend>
        <div className="flex flex-wrap gap-2">
          {[...TOKEN_EXPIRY_PRESET_DAYS, "custom" as const].map((c) => (
            <label
              key={c}
              className="flex cursor-pointer items-center gap-2 rounded-md border whitespace-nowrap border-slate-300 px-3 py-2 text-sm text-slate-700 has-checked:border-brand-500 has-checked:bg-brand-50 has-checked:text-brand-700"
            >
              <input
                type="radio"
                name="expiration"
                value={String(c)}
                checked={choice === c}
                onChange={() => {
                  setChoice(c);
                  setDateError(null);
                }}
                className="accent-brand-600"
              />
              {c === "custom" ? "Custom date" : `${c} days`}
            </label>
          ))}
        </div>
        {choice === "custom" ? (
          <Field label="Expiration date" error={expiryError} hint="Pick a date 29 to 365 days from today. The token expires at the end of that day.">
            {(p) => (
              <Input
                {...p}
                type="date"
                name="expired-at"
                value={date}
                min={bounds.min}
                max={bounds.max}
                onChange={(e) => {
                  setDate(e.target.value);
                  setDateError(null);
                }}
                required
              />
            )}
          </Field>
        ) : expiryError ? (
          <p className="text-sm text-red-600">{expiryError}</p>
        ) : null}
        {expiresAt && !expiryError ? (
          <p className="text-xs text-slate-500" aria-live="polite">
            The token expires on <RelativeTime date={expiresAt} />.
          </p>
        ) : null}
      </fieldset>
    </form>
  );
}

function TokenSecret({ created, inputRef }: { created: CreatedScimToken; inputRef: React.RefObject<HTMLInputElement | null> }) {
  const id = useId();
  return (
    <div className="space-y-4">
      <Alert tone="warning">This token will not be shown again. Copy it now and store it securely.</Alert>
      <div className="space-y-1">
        <div className="flex items-end justify-between gap-2">
          <label htmlFor={id} className="block text-sm font-medium text-slate-700">
            Token
          </label>
          <CopyButton value={created.secret} label="Copy token" size="sm" onFallback={() => inputRef.current?.select()} />
        </div>
        <Input
          ref={inputRef}
          id={id}
          readOnly
          value={created.secret}
          spellCheck={false}
          autoComplete="off"
          className="font-mono text-xs"
          aria-describedby={`${id}-hint`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          Paste it into your identity provider&apos;s SCIM settings as the bearer token. It expires on <RelativeTime date={created.token.expiredAt} />.
        </p>
      </div>
    </div>
  );
}
