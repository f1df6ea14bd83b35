import { Alert } from "@/components/ui/alert";
import { summarizeTokens, type ScimToken } from "@/lib/query/scim";
import { tokenLabel } from "@/lib/query/tokens";

const quoted = (tokens: ScimToken[]) => {
  const names = tokens.slice(0, 3).map((t) => `“${tokenLabel(t)}”`);
  const rest = tokens.length - names.length;
  return rest > 0 ? `${names.join(", ")} and ${rest} more` : names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
};

/** Shown at the top of the SCIM page while a token has expired or expires within 14 days. */
export function ScimTokenAlert({ tokens }: { tokens: ScimToken[] }) {
  const { expired, expiring } = summarizeTokens(tokens);
  if (expired.length === 0 && expiring.length === 0) return null;
  const rotate = "Create a new token, update your identity provider to use it, check that provisioning still works, then delete the old token.";
  if (expired.length > 0) {
    return (
      <Alert tone="danger" title={expired.length === 1 ? "A SCIM token has expired" : `${expired.length} SCIM tokens have expired`} className="mb-6">
        Requests that use {quoted(expired)} fail.
        {expiring.length > 0 ? ` ${quoted(expiring)} ${expiring.length === 1 ? "expires" : "expire"} within 14 days.` : ""} {rotate}
      </Alert>
    );
  }
  return (
    <Alert tone="warning" title={expiring.length === 1 ? "A SCIM token expires soon" : `${expiring.length} SCIM tokens expire soon`} className="mb-6">
      {quoted(expiring)} {expiring.length === 1 ? "expires" : "expire"} within 14 days. {rotate}
    </Alert>
  );
}
