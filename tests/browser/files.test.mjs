// Files and versions, commits and diffs in a real browser (docs/web.md#files-and-commits): open a
// repo, go to its files, switch the branch, open a file and its history, and a commit's diff.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BASE, openPage, modelWithFiles, commitFiles, tag, branch } from "./support.mjs";

test("browse the files, switch the branch, open a file and a commit's diff", async (t) => {
  const repo = await modelWithFiles("browser-files", {
    "README.md": "# browser-files\n",
    "src/model.py": "def forward(x):\n    return x * 2\n",
    "config.json": '{"hidden_size": 64}\n',
    "chart.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#6366f1"/></svg>\n',
  });
  await tag(repo, "v1");
  await branch(repo, "dev");
  await commitFiles(repo, { "src/model.py": "def forward(x):\n    return x * 3\n" }, "Triple on dev", "dev");

  const { context, page, snap, errors } = await openPage(t);
  await page.goto(`/${repo}`);
  await Promise.all([page.waitForURL(`${BASE}/${repo}/tree/main`), page.getByTestId("files-tab").click()]);
  const names = (await page.locator("[data-testid=entry] .entry-name a").allTextContents()).map((n) => n.trim());
  assert.equal(names[0], "src/", "folders come first");
  for (const name of ["README.md", "config.json", "chart.svg"]) assert.ok(names.includes(name), names.join(","));
  await snap("tree-main");

  // An SVG shows as an image (never inline markup), loaded through resolve.
  await Promise.all([page.waitForURL(`${BASE}/${repo}/blob/main/chart.svg`), page.getByRole("link", { name: "chart.svg" }).click()]);
  const width = await page.getByTestId("file-image").evaluate(async (img) => (await img.decode(), img.naturalWidth));
  assert.equal(width, 40);
  assert.equal(await page.locator("main svg").count(), 0);
  await page.goBack();

  // The switcher goes to the same folder on another branch (app.js submits on change).
  await Promise.all([page.waitForURL(`${BASE}/${repo}/tree/main/src`), page.getByRole("link", { name: "src/" }).click()]);
  await Promise.all([page.waitForURL(`${BASE}/${repo}/tree/dev/src`), page.getByLabel("Revision").selectOption("dev")]);
  assert.equal(await page.getByLabel("Revision").inputValue(), "dev");
  await snap("tree-dev");

  await Promise.all([page.waitForURL(`${BASE}/${repo}/blob/dev/src/model.py`), page.getByRole("link", { name: "model.py" }).click()]);
  await page.getByTestId("code").waitFor();
  assert.equal(await page.locator("#L2 .line-code").textContent(), "    return x * 3");
  await snap("file");

  await Promise.all([page.waitForURL(`${BASE}/${repo}/commits/dev/src/model.py`), page.getByTestId("file-history").click()]);
  const titles = await page.locator("[data-testid=commit-list] .commit-title").allTextContents();
  assert.deepEqual(titles, ["Triple on dev", "add files"]);
  await snap("history");

  await Promise.all([page.waitForURL(/\/commit\/[0-9a-f]{40}$/), page.getByRole("link", { name: "Triple on dev" }).click()]);
  await page.getByTestId("diff").waitFor();
  assert.equal((await page.locator("tr.diff-removed .line-code").textContent()).trim(), "-    return x * 2");
  assert.equal((await page.locator("tr.diff-added .line-code").textContent()).trim(), "+    return x * 3");
  await snap("commit");
  await page.emulateMedia({ colorScheme: "dark" });
  await snap("commit-dark");
  assert.deepEqual(errors, []);
  await context.close();
});
