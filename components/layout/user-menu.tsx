"use client";
import { signOutAction } from "@/app/(auth)/actions";
import { Menu, MenuItem, MenuLabel, MenuLink, MenuSeparator } from "@/components/ui/menu";

export function UserMenu({ email, isSiteAdmin }: { email: string; isSiteAdmin: boolean }) {
  return (
    <Menu
      buttonLabel={`Account menu for ${email}`}
      buttonClassName="inline-flex h-9 max-w-72 items-center gap-2 rounded-md px-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
      label={
        <>
          <span aria-hidden className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700 uppercase">
            {email.slice(0, 1)}
          </span>
          <span className="hidden truncate sm:inline">{email}</span>
        </>
      }
    >
      <MenuLabel>
        Signed in as
        <br />
        <span className="font-medium text-slate-800">{email}</span>
      </MenuLabel>
      <MenuSeparator />
      <MenuLink href="/app/account">Your account</MenuLink>
      {isSiteAdmin ? <MenuLink href="/app/admin/scim">Site Admin</MenuLink> : null}
      <MenuSeparator />
      <form action={signOutAction}>
        <MenuItem type="submit">Sign out</MenuItem>
      </form>
    </Menu>
  );
}
