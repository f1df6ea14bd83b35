// An identity provider for the UI specs that need SCIM data (audit log, provisioning activity,
// users). SCIM settings are a site-wide singleton that ui/scim-sync.spec.ts resets while these
// specs run, which disables SCIM, revokes every token and deletes every SCIM identity. So: SCIM is
// enabled only when it is off (idempotently, and never disabled here), and a step that depends on
// SCIM state runs again, from its own setup, when that state was reset under it.
import { randomBytes, randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { selfSignedCertificate } from "../tests/certificates";
import { E2E_BASE_URL } from "./env";
import { expect } from "./fixtures";

const SCIM = "application/scim+json";
const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export type Json = Record<string, unknown>;

export interface ScimResponse {
  status: number;
  requestId: string | null;
  body: Json;
}

export class ScimIdp {
  tokenId = "";
  secret = "";

  constructor(
    private readonly api: APIRequestContext,
    /** Names the token, so it can be told apart in the console. */
    readonly description: string,
  ) {}

  /** SCIM is enabled (SAML first, when it is off) and this IdP holds a working token. */
  async ensureReady() {
    if (await this.isIntact()) return;
    const settings = await this.api.get("/api/v2/admin/scim-settings");
    expect(settings.status()).toBe(200);
    const attrs = ((await settings.json()) as { data: { attributes: { enabled: boolean } } }).data.attributes;
    if (!attrs.enabled) {
      const saml = await this.api.get("/api/v2/admin/saml-settings");
      if (!((await saml.json()) as { data: { attributes: { enabled: boolean } } }).data.attributes.enabled) {
        const patched = await this.api.patch("/api/v2/admin/saml-settings", {
          data: {
            data: {
              type: "saml-settings",
              attributes: { enabled: true, "provider-type": "okta", "idp-entity-id": "http://www.okta.com/e2e-audit", "sso-url": "https://idp.example.test/sso", certificate: selfSignedCertificate() },
            },
          },
        });
        expect(patched.status(), await patched.text()).toBe(200);
      }
      const enabled = await this.api.patch("/api/v2/admin/scim-settings", { data: { data: { type: "scim-settings", attributes: { enabled: true } } } });
      expect(enabled.status(), await enabled.text()).toBe(200);
    }
    const token = await this.api.post("/api/v2/admin/scim-tokens", {
      data: { data: { type: "authentication-tokens", attributes: { description: this.description } } },
    });
    expect(token.status(), await token.text()).toBe(201);
    const created = (await token.json()) as { data: { id: string; attributes: { token: string } } };
    this.tokenId = created.data.id;
    this.secret = created.data.attributes.token;
  }

  /** Whether SCIM is enabled, not paused, and this IdP's token is still there (no reset since). */
  async isIntact() {
    if (!this.tokenId) return false;
    const settings = (await (await this.api.get("/api/v2/admin/scim-settings")).json()) as { data: { attributes: { enabled: boolean; paused: boolean } } };
    if (!settings.data.attributes.enabled || settings.data.attributes.paused) return false;
    const tokens = (await (await this.api.get("/api/v2/admin/scim-tokens")).json()) as { data: { id: string }[] };
    return tokens.data.some((t) => t.id === this.tokenId);
  }

  /**
   * Runs `step` with SCIM ready. When it fails because SCIM was reset meanwhile (another spec
   * disabled it), it runs again from scratch; any other failure is the step's own.
   */
  async withScim<T>(step: () => Promise<T>, attempts = 3): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.ensureReady();
      try {
        return await step();
      } catch (error) {
        if (attempt >= attempts || (await this.isIntact())) throw error;
      }
    }
  }

  /** A request to /scim/v2 as the identity provider (or with `secret` to impersonate another one). */
  async request(method: string, path: string, body?: Json | string, secret = this.secret): Promise<ScimResponse> {
    const res = await fetch(`${E2E_BASE_URL}/scim/v2${path}`, {
      method,
      headers: { Authorization: `Bearer ${secret}`, Accept: SCIM, ...(body !== undefined ? { "Content-Type": SCIM } : {}) },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, requestId: res.headers.get("x-request-id"), body: (text ? JSON.parse(text) : {}) as Json };
  }

  async createUser(email: string, active = true): Promise<ScimResponse & { id: string }> {
    const res = await this.request("POST", "/Users", {
      schemas: [USER_SCHEMA],
      userName: email,
      name: { givenName: email.split(/[.@]/)[0], familyName: "Example" },
      emails: [{ value: email, primary: true, type: "work" }],
      active,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { ...res, id: res.body.id as string };
  }

  async setActive(id: string, active: boolean) {
    const res = await this.request("PATCH", `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: active }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res;
  }

  /** A bad token: 401, unless the failed-authentication budget is spent (429), then waits for it. */
  async unauthorized(path: string) {
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${E2E_BASE_URL}/scim/v2${path}`, { headers: { Authorization: `Bearer not-a-token-${randomBytes(8).toString("hex")}`, Accept: SCIM } });
      await res.text();
      if (res.status !== 429) return res.status;
      await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? "3") * 1000));
    }
    return 429;
  }
}

export const randomScimId = () => randomUUID();
