import { describe, expect, it } from "vitest";
import { decodedSegments, hasUndecodableSegment, undecodablePathRoute, UNDECODABLE_PATH_ROUTES } from "@/lib/http/undecodable-path";

describe("paths whose percent-encoding does not decode", () => {
  it("finds the segment that does not decode, and only such a segment", () => {
    for (const path of ["/scim/v2/Users/%FF", "/scim/v2/Groups/100%", "/scim/v2/%ZZ", "/scim/v2/Users/%E0%A4%A", "/api/v2/teams/%C0%AF"]) {
      expect(hasUndecodableSegment(path), path).toBe(true);
    }
    for (const path of ["/scim/v2/Users", "/scim/v2/Users/abc%2Fdef", "/scim/v2/Schemas/urn%3Aietf%3Aparams", "/scim/v2/Users/100%25", "/app/%E2%9C%93"]) {
      expect(hasUndecodableSegment(path), path).toBe(false);
    }
  });

  it("decodes every segment it can and keeps the others as sent", () => {
    expect(decodedSegments("/scim/v2/Users/%FF")).toEqual(["", "scim", "v2", "Users", "%FF"]);
    expect(decodedSegments("/scim/v2/Schemas/urn%3Ax/100%")).toEqual(["", "scim", "v2", "Schemas", "urn:x", "100%"]);
  });

  it("sends each surface to its own static route, and leaves decodable paths alone", () => {
    expect(undecodablePathRoute("/scim/v2/Users/%FF")).toBe(UNDECODABLE_PATH_ROUTES.scim);
    expect(undecodablePathRoute("/api/v2/admin/users/%FF")).toBe(UNDECODABLE_PATH_ROUTES.api);
    expect(undecodablePathRoute("/app/%FF")).toBe(UNDECODABLE_PATH_ROUTES.page);
    expect(undecodablePathRoute("/scim/v1/%FF")).toBe(UNDECODABLE_PATH_ROUTES.page);
    expect(undecodablePathRoute("/scim/v2/Users/%41")).toBeNull();
  });
});
