// Values shared by the Playwright config, the setup project and the fixtures.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** The test server's AUTH_SECRET: fixed so the setup project can derive the setup code. */
export const E2E_AUTH_SECRET = "e2e-auth-secret-e2e-auth-secret-e2e-auth-secret";
export const BOOTSTRAP_FILE = "e2e/.auth/bootstrap.json";
export const JSONAPI = "application/vnd.api+json";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];
