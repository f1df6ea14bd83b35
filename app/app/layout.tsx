import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/layout/console-shell";
import { Providers } from "@/components/layout/providers";
import { requireUser } from "@/lib/auth/guards";
import { isSiteAdmin } from "@/lib/admin/users/user-queries";

// Every console page also calls its own guard; this one decides what the shell shows.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // A session that ended (signed out elsewhere, suspended) comes back to the page asked for.
  const user = await requireUser("/app");
  return (
    <Providers>
      <ConsoleShell email={user.email} isSiteAdmin={isSiteAdmin(user)}>
        {children}
      </ConsoleShell>
    </Providers>
  );
}
