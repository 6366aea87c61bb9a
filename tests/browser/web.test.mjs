// The web UI in a real browser (docs/web.md#tests). One hfhubd (tests/browser/run.sh), one
// chromium; every test has its own browser context (its own cookies) and saves screenshots.
// No sleeps: every step waits for a navigation, a selector or a response.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { BASE, OWNER, OWNER_TOKEN, OTHER_TOKEN, newContext, openPage, signIn } from "./support.mjs";

const PRIVATE_NAME = "browser-secret-model";
const PRIVATE_ID = `${OWNER}/${PRIVATE_NAME}`;

before(async () => {
  // The owner's private repo, created through the API as any client would.
  const res = await fetch(`${BASE}/api/repos/create`, {
    method: "POST",
    headers: { Authorization: `Bearer ${OWNER_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name: PRIVATE_NAME, type: "model", private: true }),
  });
  assert.equal(res.status, 200, await res.text());
});

// The first repo of a listing page: its link and its id.
async function firstCard(page) {
  const link = page.locator("[data-testid=repo-list] .repo-link").first();
  return { link, id: await link.textContent() };
}

async function cardIds(page) {
  return page.locator("[data-testid=repo-list] .repo-link").allTextContents();
}

test("browse, filter, search and paginate the models", async (t) => {
  const { context, page, snap, errors } = await openPage(t);
  const home = await page.goto("/");
  assert.equal(home.status(), 200);
  assert.match(home.headers()["content-security-policy"], /script-src 'self'/);
  assert.equal(home.headers()["x-frame-options"], "DENY");
  await page.getByRole("heading", { level: 1 }).waitFor();
  await snap("home");
  // The keyboard reaches the skip link first, then the header's controls.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to content");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), "/");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
  await page.waitForURL(`${BASE}/models`);
  const first = await cardIds(page);
  assert.equal(first.length, 30);
  await snap("models");

  await Promise.all([page.waitForURL(/cursor=/), page.getByTestId("next-page").click()]);
  const second = await cardIds(page);
  assert.ok(second.length > 0);
  assert.equal(second.filter((id) => first.includes(id)).length, 0, "pages never repeat a repo");
  await snap("page-2");

  // Filter: a task and a sort; the state is the URL, and the form shows it back.
  await page.goto("/models");
  await page.getByLabel("Task").selectOption("text-generation");
  await page.getByLabel("Sort").selectOption("likes");
  await Promise.all([page.waitForURL(/task=text-generation/), page.getByRole("button", { name: "Apply" }).click()]);
  assert.match(page.url(), /sort=likes/);
  assert.equal(await page.getByLabel("Task").inputValue(), "text-generation");
  const filtered = await page.locator("[data-testid=repo-list] .meta-task").allTextContents();
  assert.ok(filtered.length > 0);
  assert.ok(filtered.every((label) => label === "Text Generation"), filtered.join(","));
  await snap("filtered");

  // Search from the header's box: every result holds the text.
  const term = first[0].split("/")[1].slice(0, 4).toLowerCase();
  await page.getByRole("searchbox", { name: "Search models" }).first().fill(term);
  await Promise.all([page.waitForURL(/search=/), page.getByRole("searchbox", { name: "Search models" }).first().press("Enter")]);
  const found = await cardIds(page);
  assert.ok(found.length > 0);
  assert.ok(found.every((id) => id.toLowerCase().includes(term)), `${term}: ${found.join(",")}`);
  await snap("search");

  // The same state opened from its URL (shared): same results.
  const shared = await context.newPage();
  await shared.goto(page.url());
  assert.deepEqual(await cardIds(shared), found);
  assert.deepEqual(errors, []);
  await context.close();
});

test("open a repo page", async (t) => {
  const { context, page, snap, errors } = await openPage(t);
  await page.goto("/models?sort=downloads");
  const { link, id } = await firstCard(page);
  await Promise.all([page.waitForURL(`${BASE}/${id}`), link.click()]);
  assert.equal((await page.getByTestId("repo-id").textContent()).replace(/\s/g, ""), id);
  const clone = await page.locator("#snippet-git").textContent();
  assert.ok(clone.includes(`git clone ${BASE}/${id}`), clone);
  assert.ok((await page.locator("#snippet-python").textContent()).includes(`"${id}"`));
  await page.locator("#card").waitFor();
  await snap("repo");
  // Dark mode follows the system's preference.
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(dark, light);
  await snap("repo-dark");
  await page.emulateMedia({ colorScheme: "light" });

  await page.goto("/datasets");
  const { link: dataset, id: datasetId } = await firstCard(page);
  await Promise.all([page.waitForURL(`${BASE}/datasets/${datasetId}`), dataset.click()]);
  assert.ok((await page.locator("#snippet-hf").textContent()).includes("--repo-type dataset"));
  await snap("dataset");

  const missing = await page.goto("/no-such-owner/no-such-repo");
  assert.ok([401, 404].includes(missing.status()));
  await page.getByRole("heading", { name: "Not found" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("sign in, like a repo without a reload, sign out", async (t) => {
  const { context, page, snap, errors } = await openPage(t);
  await page.goto("/spaces");
  const { link, id } = await firstCard(page);
  await signIn(page, OWNER_TOKEN, `/spaces/${id}`);
  await snap("signed-in");

  const button = page.getByTestId("like-button");
  assert.equal(await button.getAttribute("aria-pressed"), "false");
  const before = Number(await page.getByTestId("like-count").textContent());
  await page.evaluate(() => (window.hfhubNoReload = true));
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/like") && r.request().method() === "POST" && r.status() === 200),
    button.click(),
  ]);
  await page.waitForSelector("[data-testid=like-button][aria-pressed=true]");
  assert.equal(Number(await page.getByTestId("like-count").textContent()), before + 1);
  assert.equal(await page.evaluate(() => window.hfhubNoReload), true, "the page was not reloaded");
  await snap("liked");

  await page.reload();
  assert.equal(await page.getByTestId("like-button").getAttribute("aria-pressed"), "true");
  const api = await (await fetch(`${BASE}/api/spaces/${id}/likers`)).json();
  assert.ok(api.some((u) => u.user === OWNER), JSON.stringify(api));

  await Promise.all([page.waitForURL(`${BASE}/`), page.getByTestId("sign-out").click()]);
  await page.getByTestId("sign-in").waitFor();
  assert.equal((await context.cookies()).filter((c) => c.name === "hfhub_session").length, 0);
  await snap("signed-out");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a private repo is seen by its owner only", async (t) => {
  const anonymous = await openPage(t);
  const res = await anonymous.page.goto(`/${PRIVATE_ID}`);
  assert.equal(res.status(), 401);
  await anonymous.page.getByRole("heading", { name: "Not found" }).waitFor();
  await anonymous.page.goto(`/models?search=${PRIVATE_NAME}`);
  await anonymous.page.getByTestId("no-results").waitFor();
  await anonymous.snap("anonymous");
  await anonymous.context.close();

  const owner = await openPage(t);
  await signIn(owner.page, OWNER_TOKEN, `/${PRIVATE_ID}`);
  await owner.page.getByTestId("private-badge").waitFor();
  await owner.page.goto(`/models?search=${PRIVATE_NAME}`);
  assert.deepEqual(await cardIds(owner.page), [PRIVATE_ID]);
  await owner.snap("owner");
  await owner.context.close();

  const other = await openPage(t);
  await signIn(other.page, OTHER_TOKEN, "/");
  const seen = await other.page.goto(`/${PRIVATE_ID}`);
  assert.equal(seen.status(), 404);
  await other.snap("other-user");
  await other.context.close();
});

test("a POST without the CSRF token is refused", async (t) => {
  const { context, page, snap } = await openPage(t);
  await page.goto("/models");
  const { id } = await firstCard(page);
  await signIn(page, OWNER_TOKEN, `/${id}`);

  // The browser's own cookies, but no token (what a cross-site form would send): 403.
  const bare = await context.request.post(`/${id}/like`, { form: { intent: "like" }, maxRedirects: 0 });
  assert.equal(bare.status(), 403);
  const wrong = await context.request.post(`/${id}/like`, { form: { intent: "like", csrf: "0".repeat(64) } });
  assert.equal(wrong.status(), 403);
  const logout = await context.request.post("/logout", { form: {}, maxRedirects: 0 });
  assert.equal(logout.status(), 403);
  await page.reload();
  await page.getByTestId("signed-in-user").waitFor();
  assert.equal(await page.getByTestId("like-button").getAttribute("aria-pressed"), "false", "nothing was liked");

  // The sign-in form is protected too: a POST without its token opens no session.
  const fresh = await newContext();
  const login = await fresh.request.post("/login", { form: { token: OWNER_TOKEN }, maxRedirects: 0 });
  assert.equal(login.status(), 403);
  assert.equal((await fresh.cookies()).filter((c) => c.name === "hfhub_session").length, 0);
  await fresh.close();

  await page.setContent(await bare.text());
  await snap("refused");
  await context.close();
});
