"use client";
// "Sign in with SSO": a button that navigates to /saml/login (which redirects to the IdP). It is an
// anchor with the button role rather than a form, because the page's CSP lets forms submit to this
// origin only, and a form submission that redirects to the IdP would be blocked. Space activates
// it like any button.
export function SsoButton({ href }: { href: string }) {
  return (
    <a
      href={href}
      role="button"
      onKeyDown={(e) => {
        if (e.key === " ") {
          e.preventDefault();
          window.location.assign(href);
        }
      }}
      className="flex w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
    >
      Sign in with SSO
    </a>
  );
}
