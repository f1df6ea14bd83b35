// Organizations (GET/POST /api/v2/organizations, GET /api/v2/organizations/{name}).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, attrString, expectMany, expectOne, readPagination, withQuery, type ApiResource, type Paged } from "./api-client";
import { queryKeys, type ListParams } from "./keys";

export interface Organization {
  name: string;
  email: string;
  createdAt: string | null;
}

function toOrganization(r: ApiResource): Organization {
  return { name: attrString(r, "name") ?? r.id, email: attrString(r, "email") ?? "", createdAt: attrString(r, "created-at") };
}

export async function fetchOrganizations(p: ListParams, signal?: AbortSignal): Promise<Paged<Organization>> {
  const doc = await apiFetch(withQuery("/organizations", { "page[number]": p.page, "page[size]": p.size }), { signal });
  const items = expectMany(doc).map(toOrganization);
  return { items, pagination: readPagination(doc, items.length) };
}

export async function fetchOrganization(name: string, signal?: AbortSignal): Promise<Organization> {
  return toOrganization(expectOne(await apiFetch(`/organizations/${encodeURIComponent(name)}`, { signal })));
}

export async function createOrganization(input: { name: string; email: string }): Promise<Organization> {
  const doc = await apiFetch("/organizations", {
    method: "POST",
    body: { data: { type: "organizations", attributes: { name: input.name, email: input.email } } },
  });
  return toOrganization(expectOne(doc));
}

export function useOrganizations(p: ListParams) {
  return useQuery({
    queryKey: queryKeys.organizations.list(p),
    queryFn: ({ signal }) => fetchOrganizations(p, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOrganization(name: string) {
  return useQuery({ queryKey: queryKeys.organizations.detail(name), queryFn: ({ signal }) => fetchOrganization(name, signal) });
}

export function useCreateOrganization() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createOrganization,
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.organizations.all() }),
  });
}
