"use server";
// Server actions of the public auth pages. Each is a public endpoint and checks what it needs.
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { completeSetup, isSetupOpen } from "@/lib/admin/setup/complete-setup";
import { setupCodeMatches } from "@/lib/admin/setup/setup-code";
import { isAppError } from "@/lib/errors";
import { newRequestId } from "@/lib/http/request-id";
import { systemActor } from "@/lib/context";

export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

const str = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v : "";
};

function messageFor(e: unknown) {
  if (e instanceof AuthError) {
    const code = (e as AuthError & { code?: string }).code;
    if (code === "suspended") return "Your account is suspended. Contact a site administrator to restore access.";
    if (code === "throttled") return "Too many failed sign-in attempts. Wait 15 minutes, then try again.";
    return "Incorrect email or password.";
  }
  return null;
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = str(form, "email").trim();
  const password = str(form, "password");
  const redirectTo = safeCallbackPath(str(form, "callbackUrl"));
  if (!email || !password) return { error: "Enter your email and password.", values: { email } };
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (e) {
    const message = messageFor(e);
    if (message) return { error: message, values: { email } };
    throw e; // the redirect after a successful sign-in
  }
  return {};
}

export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = str(form, "email").trim();
  const password = str(form, "password");
  const confirm = str(form, "confirmPassword");
  const code = str(form, "setupCode");
  const values = { email };
  const db = await getDb();
  if (!(await isSetupOpen(db))) redirect("/sign-in");
  if (!setupCodeMatches(env().AUTH_SECRET, code)) {
    return { fieldErrors: { setupCode: "The setup code does not match the one in the server log." }, values };
  }
  if (password !== confirm) return { fieldErrors: { confirmPassword: "The passwords do not match." }, values };
  try {
    await completeSetup({ db, actor: systemActor, now: new Date(), requestId: newRequestId() }, { email, password });
  } catch (e) {
    if (isAppError(e)) {
      const field = e.details.pointer?.split("/").pop();
      if (field === "email" || field === "password") return { fieldErrors: { [field]: e.message }, values };
      return { error: e.message, values };
    }
    throw e;
  }
  await signIn("credentials", { email, password, redirectTo: "/app" });
  return {};
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
