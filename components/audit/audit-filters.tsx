"use client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { AUDIT_ACTION_GROUPS, auditActionLabel } from "@/lib/query/audit";

/** The filters as the admin typed them; times are `datetime-local` values in the viewer's zone. */
export interface AuditFilterValues {
  action: string;
  actor: string;
  target: string;
  reference: string;
  since: string;
  until: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterValues = { action: "", actor: "", target: "", reference: "", since: "", until: "" };

/** A `datetime-local` value (local time, no zone) as an ISO instant, or null when it is not one. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** An ISO instant as a `datetime-local` value in the viewer's zone ("" when it is not one). */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function AuditFilters({
  values,
  onChange,
  onClear,
  rangeError,
}: {
  values: AuditFilterValues;
  onChange: (patch: Partial<AuditFilterValues>) => void;
  onClear: () => void;
  /** Why the time range cannot be used (e.g. it ends before it starts). */
  rangeError: string | null;
}) {
  const isFiltered = Object.values(values).some((v) => v !== "");
  return (
    <form
      role="search"
      aria-label="Filter audit events"
      onSubmit={(e) => e.preventDefault()}
      className="mb-4 grid gap-x-4 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-3"
    >
      <Field label="Action">
        {(p) => (
          <Select {...p} value={values.action} onChange={(e) => onChange({ action: e.target.value })}>
            <option value="">All actions</option>
            {AUDIT_ACTION_GROUPS.map((g) => (
              <optgroup key={g.prefix} label={g.label}>
                <option value={g.prefix}>{auditActionLabel(g.prefix)}</option>
                {g.actions.map((a) => (
                  <option key={a.action} value={a.action}>
                    {a.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Actor ID" hint="A user id, or a SCIM token id for changes your identity provider made.">
        {(p) => (
          <Input {...p} value={values.actor} onChange={(e) => onChange({ actor: e.target.value })} placeholder="user-… or a token id" autoComplete="off" spellCheck={false} />
        )}
      </Field>
      <Field label="Target ID" hint="The id of what changed: a user, SCIM user, group, team or token.">
        {(p) => <Input {...p} value={values.target} onChange={(e) => onChange({ target: e.target.value })} autoComplete="off" spellCheck={false} />}
      </Field>
      <Field label="Reference" hint="The reference shown to a user when sign-in failed, or any request id.">
        {(p) => <Input {...p} value={values.reference} onChange={(e) => onChange({ reference: e.target.value })} autoComplete="off" spellCheck={false} />}
      </Field>
      <Field label="From">{(p) => <Input {...p} type="datetime-local" value={values.since} onChange={(e) => onChange({ since: e.target.value })} />}</Field>
      <Field label="To" error={rangeError}>
        {(p) => <Input {...p} type="datetime-local" value={values.until} onChange={(e) => onChange({ until: e.target.value })} />}
      </Field>
      <div className="flex justify-end sm:col-span-2 lg:col-span-3">
        <Button variant="secondary" onClick={onClear} disabled={!isFiltered}>
          Clear filters
        </Button>
      </div>
    </form>
  );
}
