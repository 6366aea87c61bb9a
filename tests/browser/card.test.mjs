// A repo's card in the browser (docs/web.md#pages): a hostile README renders inert, the branch
// and tag switcher swaps the card without a reload, and the community and settings forms work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BASE, OWNER_TOKEN, commitFiles, modelWithFiles, openPage, signIn, tag } from "./support.mjs";

const HOSTILE = [
  "# Hostile card",
  "<script>alert('script')</script>",
  "<img src=x onerror=\"alert('onerror')\">",
  "<svg onload=\"alert('svg')\"><circle r=4></circle></svg>",
  "[click me](javascript:alert('link'))",
  '<a href="jav&#x09;ascript:alert(\'entity\')">obfuscated</a>',
  "<iframe src=\"javascript:alert('iframe')\"></iframe>",
  "| ok | table |\n|---|---|\n| 1 | 2 |",
].join("\n\n");

test("a README with scripts, handlers and javascript: links renders inert", async (t) => {
  const id = await modelWithFiles(`xss-${Date.now()}`, { "README.md": HOSTILE });
  const { context, page, snap, errors, dialogs } = await openPage(t);
  await page.goto(`/${id}`);
  await page.getByTestId("card-body").waitFor();
  await page.getByRole("heading", { name: "Hostile card" }).waitFor();
  await page.getByText("obfuscated").hover();
  await page.getByText("click me").click(); // a javascript: link would run here
  await snap("hostile-card");
  assert.deepEqual(dialogs, [], "no dialog opened");
  const injected = await page.evaluate(() => ({
    scripts: document.querySelectorAll("#card script").length,
    handlers: [...document.querySelectorAll("#card *")].filter((e) => [...e.attributes].some((a) => a.name.startsWith("on"))).length,
    jsLinks: [...document.querySelectorAll("#card [href], #card [src]")].filter((e) =>
      /^\s*javascript:/i.test(e.getAttribute("href") ?? e.getAttribute("src"))).length,
    frames: document.querySelectorAll("#card iframe, #card svg").length,
    tables: document.querySelectorAll("#card table").length,
  }));
  assert.deepEqual(injected, { scripts: 0, handlers: 0, jsLinks: 0, frames: 0, tables: 1 });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the branch and tag switcher shows the card at a tag without a reload", async (t) => {
  const id = await modelWithFiles(`switch-${Date.now()}`, { "README.md": "# Version one\n" });
  await tag(id, "v1.0");
  await commitFiles(id, { "README.md": "# Version two\n" }, "second card");
  const { context, page, snap, errors } = await openPage(t);
  await page.goto(`/${id}`);
  await page.getByRole("heading", { name: "Version two" }).waitFor();
  await page.evaluate(() => (window.hfhubNoReload = true));
  await page.getByTestId("revision-select").selectOption("v1.0");
  await page.getByRole("heading", { name: "Version one" }).waitFor();
  assert.equal(await page.evaluate(() => window.hfhubNoReload), true, "the page was not reloaded");
  assert.equal(new URL(page.url()).searchParams.get("revision"), "v1.0");
  await snap("at-tag");
  assert.deepEqual(errors, []);
  await context.close();
});

test("sign in, open a discussion, comment, close it, change a setting, sign out", async (t) => {
  const id = await modelWithFiles(`community-${Date.now()}`, { "README.md": "# Community\n" });
  const { context, page, snap, errors } = await openPage(t);
  await signIn(page, OWNER_TOKEN, `/${id}`);
  await page.getByTestId("community-tab").click();
  await page.getByTestId("new-discussion").click();
  await page.getByLabel("Title").fill("Questions from the browser");
  await page.getByLabel("Description (Markdown)").fill("Does it **work**?");
  await Promise.all([page.waitForURL(`${BASE}/${id}/discussions/1`), page.getByRole("button", { name: "Open the discussion" }).click()]);
  await page.getByLabel("Comment (Markdown)").fill("It does, see `model.safetensors`.");
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Comment" }).click()]);
  await page.locator(".comment-body code", { hasText: "model.safetensors" }).waitFor();
  await page.getByRole("button", { name: "Close" }).click();
  await page.getByText("changed the status to closed").waitFor();
  await snap("discussion");

  await page.goto(`/${id}`);
  await page.getByTestId("settings-tab").click();
  await page.getByTestId("visibility-form").getByLabel(/Private/).check();
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Save visibility" }).click()]);
  await snap("settings");
  const info = await (await fetch(`${BASE}/api/models/${id}`, { headers: { Authorization: `Bearer ${OWNER_TOKEN}` } })).json();
  assert.equal(info.private, true);

  await Promise.all([page.waitForURL(`${BASE}/`), page.getByTestId("sign-out").click()]);
  assert.equal((await page.goto(`/${id}`)).status(), 401, "private now, so hidden when signed out");
  assert.deepEqual(errors, []);
  await context.close();
});
