"use client";
import type { UseMutationResult } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/time";
import { errorMessage, fieldError } from "@/lib/query/api-client";
import {
  TOKEN_EXPIRY_DEFAULT_DAYS,
  TOKEN_EXPIRY_PRESET_DAYS,
  tokenDateBounds,
  tokenExpiryInstant,
  type CreatedToken,
  type CreateTokenInput,
  type TokenExpiryChoice,
  type TokenLifetime,
} from "@/lib/query/tokens";

type Choice = (typeof TOKEN_EXPIRY_PRESET_DAYS)[number] | "custom";

export type CreateTokenMutation = UseMutationResult<CreatedToken, Error, CreateTokenInput>;

/** The words of one kind of token's dialog. */
export interface TokenCreateDialogText {
  /** "Create SCIM token", then "SCIM token created". */
  title: string;
  createdTitle: string;
  /** Under the title while the form shows: who sends the token. */
  description: string;
  /** After “Name” is ready: what the token can do. */
  purpose: string;
  submitLabel: string;
  descriptionHint: string;
  descriptionPlaceholder: string;
  /** Under the secret: where to put it. The expiry date follows. */
  usage: ReactNode;
}

/**
 * Creates a token, then shows its secret once. Mount it only while open: unmounting drops the
 * secret from memory.
 */
export function TokenCreateDialog({
  create,
  lifetime,
  text,
  onClose,
}: {
  create: CreateTokenMutation;
  lifetime: TokenLifetime;
  text: TokenCreateDialogText;
  onClose: () => void;
}) {
  const created = create.data;
  const secretRef = useRef<HTMLInputElement>(null);
  const formId = useId();

  // The form's fields go away once the token exists; move focus to the secret.
  useEffect(() => {
    if (created) secretRef.current?.focus();
  }, [created]);

  return (
    <Dialog
      open
      onClose={onClose}
      title={created ? text.createdTitle : text.title}
      description={created ? `${created.token.description ? `“${created.token.description}”` : "The token"} is ready. ${text.purpose}` : text.description}
      isBusy={create.isPending}
      footer={
        created ? (
          <Button onClick={onClose}>Done</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" form={formId} isPending={create.isPending}>
              {text.submitLabel}
            </Button>
          </>
        )
      }
    >
      {created ? (
        <TokenSecret created={created} usage={text.usage} inputRef={secretRef} />
      ) : (
        <TokenForm id={formId} create={create} lifetime={lifetime} text={text} />
      )}
    </Dialog>
  );
}

/** "2027-01-03" → "Jan 3, 2027" in the viewer's locale. */
function formatDay(isoDate: string) {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

function TokenForm({ id, create, lifetime, text }: { id: string; create: CreateTokenMutation; lifetime: TokenLifetime; text: TokenCreateDialogText }) {
  // The moment the dialog opened: the reference for presets, date bounds and the preview.
  const [now] = useState(() => Date.now());
  const [description, setDescription] = useState("");
  const [choice, setChoice] = useState<Choice>(TOKEN_EXPIRY_DEFAULT_DAYS);
  const [date, setDate] = useState("");
  const [dateError, setDateError] = useState<string | null>(null);
  const legendId = useId();
  const bounds = tokenDateBounds(now, lifetime);
  const span = `${lifetime.minDays} to ${lifetime.maxDays} days`;

  const expiryChoice: TokenExpiryChoice = choice === "custom" ? { kind: "date", date } : { kind: "days", days: choice };
  const expiresAt = tokenExpiryInstant(expiryChoice, now);

  const isOutOfRange = choice === "custom" && expiresAt !== null && (date < bounds.min || date > bounds.max);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!expiresAt) {
      setDateError("Choose the date the token expires.");
      return;
    }
    // The same rule the API applies, said in days and dates rather than its wording.
    if (isOutOfRange) {
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
    <form id={id} onSubmit={submit} noValidate className="space-y-5">
      {otherError ? <Alert tone="danger">{otherError}</Alert> : null}
      <Field label="Description" error={descriptionError} hint={text.descriptionHint}>
        {(p) => (
          <Input
            {...p}
            name="description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            autoComplete="off"
            maxLength={255}
            placeholder={text.descriptionPlaceholder}
          />
        )}
      </Field>
      <fieldset aria-labelledby={legendId} className="space-y-2">
        <legend id={legendId} className="text-sm font-medium text-slate-700">
          Expiration
        </legend>
        <div className="flex flex-wrap gap-1.5">
          {[...TOKEN_EXPIRY_PRESET_DAYS, "custom" as const].map((c) => (
            <label
              key={c}
              className="flex cursor-pointer items-center gap-2 rounded-md border whitespace-nowrap border-slate-300 px-2.5 py-2 text-sm text-slate-700 has-checked:border-brand-500 has-checked:bg-brand-50 has-checked:text-brand-700"
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
          <Field label="Expiration date" error={expiryError} hint={`Pick a date ${span} from today. The token expires at the end of that day.`}>
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
        {expiresAt && !isOutOfRange ? (
          <p className="text-xs text-slate-500" aria-live="polite">
            The token expires on <RelativeTime date={expiresAt} />.
          </p>
        ) : null}
      </fieldset>
    </form>
  );
}

function TokenSecret({ created, usage, inputRef }: { created: CreatedToken; usage: ReactNode; inputRef: React.RefObject<HTMLInputElement | null> }) {
  const id = useId();
  return (
    <div className="space-y-4">
      <Alert tone="warning" title="Copy the token now">
        You won&apos;t see it again: Roster keeps only a fingerprint of it. Store it somewhere safe, such as a password manager.
      </Alert>
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
          {usage} It expires on <RelativeTime date={created.token.expiredAt} />.
        </p>
      </div>
    </div>
  );
}
