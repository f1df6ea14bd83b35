// What the sign-in page says after an SSO attempt (/sign-in?error=sso_…&ref=…). A failed check is
// never named: the reference id lets an administrator find the audit event with the reason.
export function ssoErrorMessage(error: unknown, ref: unknown): string | null {
  const reference = typeof ref === "string" && /^[0-9a-f-]{36}$/.test(ref) ? ref : null;
  switch (error) {
    case "sso_not_provisioned":
      return "Your account has not been provisioned yet — ask your administrator.";
    case "sso_suspended":
      return "Your account is suspended. Contact a site administrator to restore access.";
    case "sso_unavailable":
      return "Single sign-on is not available right now. Sign in with your email and password, or ask your administrator.";
    case "sso_failed":
      return `Single sign-on could not be completed. Try again; if it keeps failing, give your administrator this reference: ${reference ?? "none"}.`;
    default:
      return null;
  }
}
