"use client";
import { useState, type ReactNode } from "react";
import { Combobox } from "@/components/ui/combobox";
import { Field } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { useDebounced } from "@/components/ui/use-debounced";
import { errorMessage } from "@/lib/query/api-client";
import { useScimGroups, type ScimGroup } from "@/lib/query/scim-groups";

const RESULTS = 20;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function groupDetail(g: ScimGroup) {
  const parts = [plural(g.memberCount, "member", "members")];
  if (g.linkedTeamCount > 0) parts.push(`linked to ${plural(g.linkedTeamCount, "team", "teams")}`);
  return parts.join(" · ");
}

/**
 * Searches the SCIM groups (GET /admin/scim-groups?q=) in a combobox. `disabledReason` says why a
 * group cannot be chosen here. Remount it (key) to clear the text after a save.
 */
export function ScimGroupPicker({
  label,
  hint,
  error,
  value,
  onChange,
  disabledReason,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  value: ScimGroup | null;
  onChange: (group: ScimGroup | null) => void;
  disabledReason: (group: ScimGroup) => string | null;
}) {
  const [text, setText] = useState(value?.name ?? "");
  // With a group chosen, its name is in the input: reopening the list shows every group again.
  const q = useDebounced(value && text === value.name ? "" : text.trim());
  const groups = useScimGroups({ q, page: 1, size: RESULTS });
  const items = groups.data?.items ?? [];

  let status: ReactNode = null;
  if (groups.isPending)
    status = (
      <span className="flex items-center gap-2">
        <Spinner /> Searching groups…
      </span>
    );
  else if (groups.isError) status = <span className="text-red-700">{errorMessage(groups.error)}</span>;
  else if (items.length === 0)
    status = q ? `No SCIM groups match “${q}”.` : "There are no SCIM groups yet. They appear when your identity provider pushes groups.";
  else if (groups.data.pagination.totalCount > items.length)
    status = `Showing ${items.length} of ${groups.data.pagination.totalCount.toLocaleString()} groups. Type to narrow the list.`;

  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => (
        <Combobox
          {...p}
          listLabel="SCIM groups"
          placeholder="Search SCIM groups"
          inputValue={text}
          onInputChange={(v) => {
            setText(v);
            if (value && v !== value.name) onChange(null);
          }}
          options={items.map((g) => ({ id: g.id, label: g.name, detail: groupDetail(g), disabledReason: disabledReason(g) }))}
          selectedId={value?.id ?? null}
          onSelect={(option) => {
            const group = items.find((g) => g.id === option.id);
            if (!group) return;
            setText(group.name);
            onChange(group);
          }}
          status={status}
        />
      )}
    </Field>
  );
}
