"use client";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { errorMessage, fieldError } from "@/lib/query/api-client";
import { PASSWORD_MIN_LENGTH, useCreateUser } from "@/lib/query/users";

const FORM_ID = "user-create-form";

/** Creates a non-SSO (password) account: a recovery admin when "Site admin" stays checked. */
export function UserCreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateUser();
  const toast = useToast();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [isSiteAdmin, setIsSiteAdmin] = useState(true);
  const checkboxId = useId();

  const close = () => {
    create.reset();
    setEmail("");
    setPassword("");
    setIsSiteAdmin(true);
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { email: email.trim(), password, isSiteAdmin },
      {
        onSuccess: (user) => {
          toast({
            title: isSiteAdmin ? `Non-SSO admin ${user.email} created` : `${user.email} created`,
            description: isSiteAdmin ? "They can sign in with their password, also when SSO is unavailable." : "They can sign in with their password.",
          });
          close();
        },
      },
    );
  };

  const emailError = fieldError(create.error, "email");
  const passwordError = fieldError(create.error, "password");
  const siteAdminError = fieldError(create.error, "is-site-admin");
  const otherError = create.error && !emailError && !passwordError && !siteAdminError ? errorMessage(create.error) : null;
  const length = [...password].length;
  const siteAdminDescribedBy = [siteAdminError ? `${checkboxId}-error` : null, `${checkboxId}-hint`].filter(Boolean).join(" ");

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create non-SSO admin"
      description={
        <>
          A password account kept for recovery. It signs in at the password form and does not depend on your identity provider, so it can still sign in when SSO is
          unavailable. Your identity provider can never take it over. Keep its password in a vault.
        </>
      }
      isBusy={create.isPending}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} isPending={create.isPending}>
            {isSiteAdmin ? "Create non-SSO admin" : "Create user"}
          </Button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={submit} noValidate className="space-y-4">
        {otherError ? <Alert tone="danger">{otherError}</Alert> : null}
        <Field label="Email" hint="The sign-in name. Use an address your identity provider does not manage." error={emailError}>
          {(p) => (
            <Input {...p} name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" spellCheck={false} required />
          )}
        </Field>
        <Field
          label="Password"
          hint={
            length > 0 && length < PASSWORD_MIN_LENGTH
              ? `At least ${PASSWORD_MIN_LENGTH} characters (${length} so far).`
              : `At least ${PASSWORD_MIN_LENGTH} characters. Roster cannot show it again.`
          }
          error={passwordError}
        >
          {(p) => (
            <Input {...p} name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required />
          )}
        </Field>
        <div className="flex items-start gap-3">
          <input
            id={checkboxId}
            name="is-site-admin"
            type="checkbox"
            checked={isSiteAdmin}
            onChange={(e) => setIsSiteAdmin(e.target.checked)}
            aria-invalid={siteAdminError ? true : undefined}
            aria-describedby={siteAdminDescribedBy}
            className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600"
          />
          <div className="space-y-0.5">
            <label htmlFor={checkboxId} className="block text-sm font-medium text-slate-800">
              Site admin
            </label>
            {siteAdminError ? (
              <p id={`${checkboxId}-error`} className="text-sm text-red-600">
                {siteAdminError}
              </p>
            ) : null}
            <p id={`${checkboxId}-hint`} className="text-xs text-slate-500">
              A manual grant: it stays until an administrator revokes it, whatever your identity provider does. Clear it for an ordinary password account.
            </p>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
