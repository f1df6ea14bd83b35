// A real identity provider for the browser specs: an HTTPS server on 127.0.0.1 (self-signed: the
// browser context sets ignoreHTTPSErrors) that receives Roster's AuthnRequest (HTTP-Redirect
// binding), shows a sign-in form, and posts a SAML response signed by tests/saml-idp.ts back to
// Roster's ACS with an auto-submitting form, as Entra ID and Okta do.
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { inflateRawSync } from "node:zlib";
import { TestIdp, type ResponseOptions } from "../tests/saml-idp";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function page(title: string, body: string) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:sans-serif;max-width:28rem;margin:3rem auto">${body}</body></html>`;
}

export interface AuthnRequestSeen {
  id: string;
  acsUrl: string;
  issuer: string;
}

export class BrowserIdp {
  readonly saml: TestIdp;
  private server: Server | null = null;
  /** Every AuthnRequest received, newest last. */
  readonly requests: AuthnRequestSeen[] = [];
  /** Every SAMLResponse (base64) the IdP posted, newest last. */
  readonly responses: string[] = [];
  /** Extra options for the next responses (e.g. signWithOtherKey), reset by the tests. */
  responseOptions: ResponseOptions = {};

  private constructor(appOrigin: string, readonly port: number) {
    this.saml = new TestIdp(appOrigin, `https://127.0.0.1:${port}/sso`);
  }

  get entityId() {
    return this.saml.entityId;
  }
  get ssoUrl() {
    return this.saml.ssoUrl;
  }
  get certificate() {
    return this.saml.key.certificate;
  }

  static async start(appOrigin: string): Promise<BrowserIdp> {
    // Reserve a port first: the SSO URL (and so the TestIdp) needs it before the server starts.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const idp = new BrowserIdp(appOrigin, port);
    idp.server = createServer({ key: idp.saml.key.privateKey, cert: idp.saml.key.certificate }, (req, res) => {
      void idp.handle(req, res).catch((e: unknown) => {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(String(e));
      });
    });
    await new Promise<void>((resolve) => idp.server!.listen(port, "127.0.0.1", resolve));
    return idp;
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) {
    const url = new URL(req.url ?? "/", this.ssoUrl);
    if (req.method === "GET" && url.pathname === "/sso") {
      // HTTP-Redirect binding: base64 of the raw-deflated AuthnRequest.
      const xml = inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest") ?? "", "base64")).toString("utf8");
      const id = /\sID="([^"]+)"/.exec(xml)?.[1] ?? "";
      const acsUrl = /AssertionConsumerServiceURL="([^"]+)"/.exec(xml)?.[1] ?? "";
      const issuer = /<saml:Issuer[^>]*>([^<]+)<\/saml:Issuer>/.exec(xml)?.[1] ?? "";
      this.requests.push({ id, acsUrl, issuer });
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(
        page(
          "Test IdP sign-in",
          `<h1>Test IdP</h1><form method="post" action="/sso/login">` +
            `<input type="hidden" name="rid" value="${esc(id)}"><input type="hidden" name="acs" value="${esc(acsUrl)}">` +
            `<input type="hidden" name="relay" value="${esc(url.searchParams.get("RelayState") ?? "")}">` +
            `<label>Email <input name="email" type="email"></label> <button type="submit">Continue</button></form>`,
        ),
      );
      return;
    }
    if (req.method === "POST" && url.pathname === "/sso/login") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const { samlResponse } = this.saml.response({ email: form.get("email") ?? "", inResponseTo: form.get("rid") || null, ...this.responseOptions });
      this.responses.push(samlResponse);
      const relay = form.get("relay") ?? "";
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(
        page(
          "Signing in…",
          `<p>Signing you in…</p><form method="post" action="${esc(form.get("acs") ?? "")}">` +
            `<input type="hidden" name="SAMLResponse" value="${esc(samlResponse)}">` +
            (relay ? `<input type="hidden" name="RelayState" value="${esc(relay)}">` : "") +
            `<noscript><button type="submit">Continue</button></noscript></form><script>document.forms[0].submit()</script>`,
        ),
      );
      return;
    }
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("not found");
  }
}
