"use client";
import { useActionState } from "react";
import { setupAction, type FormState } from "../actions";
import { Field } from "../auth-card";

export function SetupForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(setupAction, {});
  const fe = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </div>
      ) : null}
      <Field
        label="Setup code"
        name="setupCode"
        autoComplete="off"
        error={fe.setupCode}
        hint="Printed in the server log when Roster starts without an administrator."
      />
      <Field label="Email" name="email" type="email" autoComplete="username" defaultValue={state.values?.email} error={fe.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" error={fe.password} hint="At least 12 characters." />
      <Field label="Confirm password" name="confirmPassword" type="password" autoComplete="new-password" error={fe.confirmPassword} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        Create site admin
      </button>
    </form>
  );
}
