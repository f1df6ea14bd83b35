import type { Metadata } from "next";
import "./globals.css";

// Every page is rendered per request: it reads the session and the database, and carries the
// request's CSP nonce.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Roster", template: "%s · Roster" },
  description: "SCIM provisioning console",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-full font-sans">{children}</body>
    </html>
  );
}
