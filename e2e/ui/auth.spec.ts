import { mkdirSync } from "node:fs";
import { createAccount, expect, test } from "../fixtures";
import { E2E_BASE_URL } from "../env";

const shot = (name: string) => {
  mkdirSync("test-results/screenshots", { recursive: true });
  return { path: `test-results/screenshots/${name}.png`, fullPage: true };
};

test.describe("sign-in", () => {
  test("an anonymous visitor is sent to sign in and comes back to the page asked for", async ({ page, admin }) => {
    await page.goto("/app/organizations");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fapp%2Forganizations/);
    await expect(page.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
    await page.screenshot(shot("sign-in"));
    await page.getByLabel("Email").fill(admin.email.toUpperCase());
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/app/organizations");
  });

  test("a callback URL that would leave the site is not followed", async ({ page, admin }) => {
    // Browsers strip the tab, which would turn "/\t/evil.example" into "//evil.example".
    for (const sneaky of ["%2F%09%2Fevil.example", "%2F%0D%0A%2Fevil.example"]) {
      const res = await page.goto(`/sign-in?callbackUrl=${sneaky}`);
      expect(res?.status()).toBe(200);
    }
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/app" || url.pathname.startsWith("/app/"));
    expect(new URL(page.url()).host).toBe(new URL(E2E_BASE_URL).host);
  });

  test("a wrong password and an unknown email get the same generic error", async ({ page, admin }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Incorrect" })).toHaveText("Incorrect email or password.");
    await page.screenshot(shot("sign-in-error"));
    await page.getByLabel("Email").fill("nobody-here@example.com");
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Incorrect" })).toHaveText("Incorrect email or password.");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a non-admin signs in but is not shown the site admin console", async ({ page, playwright }) => {
    const user = await createAccount(playwright, { admin: false });
    await page.goto("/sign-in?callbackUrl=%2Fapp%2Fadmin%2Fusers");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/app/admin/users");
    // The page itself refuses: site admin pages answer 404 to a non-admin.
    const res = await page.goto("/app/admin/users");
    expect(res?.status()).toBe(404);
  });

  test("after 10 failed attempts the account is throttled, with a clear message", async ({ page, playwright }) => {
    const user = await createAccount(playwright, { admin: false });
    const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    for (let i = 0; i < 10; i++) {
      const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await api.post("/api/auth/callback/credentials", { form: { email: user.email, password: `wrong-${i}`, csrfToken }, maxRedirects: 0 });
      expect(res.headers()["location"]).toContain("error=CredentialsSignin");
    }
    await api.dispose();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Too many" })).toHaveText(
      "Too many failed sign-in attempts. Wait 15 minutes, then try again.",
    );
    await page.screenshot(shot("sign-in-throttled"));
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("the sign-in page has no CSP violations", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
    expect(violations).toEqual([]);
  });
});
