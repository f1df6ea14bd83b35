"use client";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { ACTIVITY_WINDOWS, SCIM_METHODS, SCIM_STATUS_CODES } from "@/lib/query/activity";
import type { ScimToken } from "@/lib/query/scim";
import { tokenLabel } from "@/lib/query/tokens";
import { statusPhrase } from "./activity-status-badge";

export interface ActivityFilterValues {
  status: string;
  method: string;
  resource: "" | "Users" | "Groups";
  token: string;
}

export const EMPTY_ACTIVITY_FILTERS: ActivityFilterValues = { status: "", method: "", resource: "", token: "" };

/** The time range as a segmented control: native radios, so arrow keys move between them. */
export function ActivityWindowPicker({ value, onChange }: { value: number; onChange: (minutes: number) => void }) {
  return (
    <fieldset>
      <legend className="sr-only">Time range</legend>
      <div className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm">
        {ACTIVITY_WINDOWS.map((w) => {
          const isChecked = w.minutes === value;
          return (
            <label
              key={w.minutes}
              className={cx(
                "cursor-pointer rounded px-3 py-1 text-sm font-medium whitespace-nowrap has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
                isChecked ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              <input type="radio" name="activity-window" value={w.minutes} checked={isChecked} onChange={() => onChange(w.minutes)} className="sr-only" />
              {w.label}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export function ActivityFilters({
  values,
  tokens,
  onChange,
  onClear,
}: {
  values: ActivityFilterValues;
  tokens: ScimToken[];
  onChange: (patch: Partial<ActivityFilterValues>) => void;
  onClear: () => void;
}) {
  const isFiltered = Object.values(values).some((v) => v !== "");
  const knowsToken = tokens.some((t) => t.id === values.token);
  return (
    <form
      role="search"
      aria-label="Filter SCIM requests"
      onSubmit={(e) => e.preventDefault()}
      className="mb-4 grid items-end gap-x-4 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[minmax(12.5rem,1.1fr)_minmax(10rem,1fr)_minmax(10.5rem,1fr)_minmax(12rem,1.3fr)_auto]"
    >
      <Field label="Status">
        {(p) => (
          <Select {...p} value={values.status} onChange={(e) => onChange({ status: e.target.value })}>
            <option value="">All statuses</option>
            <optgroup label="Status class">
              <option value="2xx">2xx success</option>
              <option value="4xx">4xx client errors</option>
              <option value="5xx">5xx server errors</option>
            </optgroup>
            <optgroup label="Status code">
              {SCIM_STATUS_CODES.map((code) => (
                <option key={code} value={String(code)}>
                  {code} {statusPhrase(code)}
                </option>
              ))}
            </optgroup>
          </Select>
        )}
      </Field>
      <Field label="Method">
        {(p) => (
          <Select {...p} value={values.method} onChange={(e) => onChange({ method: e.target.value })}>
            <option value="">All methods</option>
            {SCIM_METHODS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Resource">
        {(p) => (
          <Select {...p} value={values.resource} onChange={(e) => onChange({ resource: e.target.value as ActivityFilterValues["resource"] })}>
            <option value="">All resources</option>
            <option value="Users">Users</option>
            <option value="Groups">Groups</option>
          </Select>
        )}
      </Field>
      <Field label="Token">
        {(p) => (
          <Select {...p} value={values.token} onChange={(e) => onChange({ token: e.target.value })}>
            <option value="">All tokens</option>
            {tokens.map((t) => (
              <option key={t.id} value={t.id}>
                {tokenLabel(t)}
              </option>
            ))}
            {values.token && !knowsToken ? <option value={values.token}>Deleted token {values.token}</option> : null}
          </Select>
        )}
      </Field>
      <Button variant="secondary" onClick={onClear} disabled={!isFiltered}>
        Clear filters
      </Button>
    </form>
  );
}
