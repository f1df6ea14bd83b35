import { SCIM_SCHEMA_GROUP } from "@/lib/scim/values";
import type { ScimGroupView } from "./scim-groups";

export function groupResource(view: ScimGroupView, baseUrl: string) {
  const { group, members } = view;
  const resource: Record<string, unknown> = { schemas: [SCIM_SCHEMA_GROUP], id: group.id, displayName: group.displayName };
  if (group.externalId !== null) resource.externalId = group.externalId;
  if (members) resource.members = members.map((m) => ({ value: m.value, display: m.display, $ref: `${baseUrl}/Users/${m.value}` }));
  resource.meta = {
    resourceType: "Group",
    created: group.createdAt.toISOString(),
    lastModified: group.updatedAt.toISOString(),
    location: `${baseUrl}/Groups/${group.id}`,
  };
  return resource;
}
