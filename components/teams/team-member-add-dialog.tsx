"use client";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { useDebounced } from "@/components/ui/use-debounced";
import { errorMessage } from "@/lib/query/api-client";
import { useAddTeamMembers, type Team } from "@/lib/query/teams";
import { useUsers, type User } from "@/lib/query/users";

const FORM_ID = "team-member-add-form";
const RESULTS = 10;

export function TeamMemberAddDialog({ team, open, onClose }: { team: Team; open: boolean; onClose: () => void }) {
  const add = useAddTeamMembers(team);
  const toast = useToast();
  const [search, setSearch] = useState("");
  const q = useDebounced(search, 250);
  const [selected, setSelected] = useState<Map<string, User>>(new Map());
  const results = useUsers({ q, page: 1, size: RESULTS }, { enabled: open });
  const members = new Set(team.memberIds);

  const close = () => {
    add.reset();
    setSearch("");
    setSelected(new Map());
    onClose();
  };

  const toggle = (user: User, checked: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (checked) next.set(user.id, user);
      else next.delete(user.id);
      return next;
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (selected.size === 0) return;
    const chosen = [...selected.values()];
    add.mutate(
      chosen.map((u) => u.id),
      {
        onSuccess: () => {
          toast({
            title: chosen.length === 1 ? `${chosen[0]!.email} added to ${team.name}` : `${chosen.length} members added to ${team.name}`,
          });
          close();
        },
      },
    );
  };

  const count = selected.size;

  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Add members to ${team.name}`}
      description={`Members get the access this team grants in ${team.organization}. People from outside the organization also become members of it.`}
      isBusy={add.isPending}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={add.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={FORM_ID} isPending={add.isPending} disabled={count === 0}>
            {count > 1 ? `Add ${count} members` : "Add member"}
          </Button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={submit} noValidate className="space-y-4">
        {add.error ? <Alert tone="danger">{errorMessage(add.error)}</Alert> : null}
        <Field label="Search users" hint="Search by email or username.">
          {(p) => <Input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" placeholder="name@example.com" />}
        </Field>
        <fieldset>
          <legend className="sr-only">Users</legend>
          {results.isPending ? (
            <div role="status" className="space-y-2">
              <span className="sr-only">Searching users…</span>
              <Skeleton className="h-9 w-full" />
              <Skeleton className="h-9 w-full" />
            </div>
          ) : results.isError ? (
            <Alert tone="danger">
              {errorMessage(results.error)}{" "}
              <button type="button" onClick={() => void results.refetch()} className="font-medium underline">
                Retry
              </button>
            </Alert>
          ) : results.data.items.length === 0 ? (
            <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-center text-sm text-slate-600">
              {q ? `No users match “${q}”. Check the spelling or try part of the email address.` : "There are no users yet."}
            </p>
          ) : (
            <ul className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
              {results.data.items.map((user) => {
                const isMember = members.has(user.id);
                return (
                  <li key={user.id}>
                    <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50 has-[:disabled]:cursor-default has-[:disabled]:hover:bg-transparent">
                      <input
                        type="checkbox"
                        className="h-4 w-4 rounded border-slate-300 accent-brand-600"
                        checked={isMember || selected.has(user.id)}
                        disabled={isMember}
                        onChange={(e) => toggle(user, e.target.checked)}
                        aria-describedby={isMember ? `${user.id}-member` : undefined}
                      />
                      <span className="min-w-0 flex-1">
                        <span className="block truncate font-medium text-slate-800">{user.email}</span>
                        <span className="block truncate text-xs text-slate-500">{user.username}</span>
                      </span>
                      {isMember ? (
                        <span id={`${user.id}-member`} className="text-xs text-slate-500">
                          Already a member
                        </span>
                      ) : user.isSuspended ? (
                        <Badge tone="danger">Suspended</Badge>
                      ) : null}
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          {results.data && results.data.pagination.totalCount > results.data.items.length ? (
            <p className="mt-2 text-xs text-slate-500">
              Showing {results.data.items.length} of {results.data.pagination.totalCount} users. Refine the search to find others.
            </p>
          ) : null}
        </fieldset>
        {count > 0 ? (
          <p className="text-sm text-slate-700" aria-live="polite">
            Selected: {[...selected.values()].map((u) => u.email).join(", ")}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
