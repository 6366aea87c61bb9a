// What the browser test files share (docs/web.md#tests): the environment run.sh exports, one
// chromium per file, a fresh context per test with its screenshots, signing in, and making repos
// with content through the API as any client would.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { chromium } from "playwright-core";

export const BASE = process.env.HFHUB_ENDPOINT;
export const SHOTS = process.env.HFHUB_SCREENSHOTS;
export const OWNER = process.env.HFHUB_OWNER;
export const OWNER_TOKEN = process.env.HFHUB_OWNER_TOKEN;
export const OTHER_TOKEN = process.env.HFHUB_OTHER_TOKEN;

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: process.env.HFHUB_CHROMIUM, headless: true });
});
after(async () => {
  await browser?.close();
});

// A fresh context of this file's browser (no cookies), on the server's base URL.
export function newContext() {
  return browser.newContext({ baseURL: BASE, viewport: { width: 1280, height: 900 } });
}

// A fresh context (no cookies) and its page; `dialogs` records every alert/confirm the page opens.
export async function openPage(t) {
  const context = await newContext();
  const page = await context.newPage();
  const errors = [];
  const dialogs = [];
  page.on("pageerror", (e) => errors.push(e));
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  let shot = 0;
  const snap = (name) =>
    page.screenshot({ path: path.join(SHOTS, `${t.name.replace(/\W+/g, "-")}-${++shot}-${name}.png`), fullPage: true });
  return { context, page, snap, errors, dialogs };
}

export async function signIn(page, token, next = "/") {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Access token").fill(token);
  await Promise.all([page.waitForURL(`${BASE}${next}`), page.getByRole("button", { name: "Sign in" }).click()]);
  await page.getByTestId("signed-in-user").waitFor();
}

async function api(method, route, body, contentType = "application/json") {
  const res = await fetch(`${BASE}${route}`, {
    method,
    headers: { Authorization: `Bearer ${OWNER_TOKEN}`, "Content-Type": contentType },
    body,
  });
  assert.ok(res.ok, `${method} ${route}: ${res.status} ${await res.text()}`);
  return res;
}

// A new model of the owner's with these files (path -> text) in one commit on main.
export async function modelWithFiles(name, files) {
  await api("POST", "/api/repos/create", JSON.stringify({ name, type: "model" }));
  await commitFiles(`${OWNER}/${name}`, files, "add files");
  return `${OWNER}/${name}`;
}

export async function commitFiles(id, files, summary, revision = "main") {
  const lines = [JSON.stringify({ key: "header", value: { summary, description: "" } })];
  for (const [p, text] of Object.entries(files))
    lines.push(JSON.stringify({ key: "file", value: { path: p, encoding: "base64", content: Buffer.from(text).toString("base64") } }));
  await api("POST", `/api/models/${id}/commit/${encodeURIComponent(revision)}`, lines.join("\n"), "application/x-ndjson");
}

export async function tag(id, name) {
  await api("POST", `/api/models/${id}/tag/main`, JSON.stringify({ tag: name }));
}

// A branch from main's head.
export async function branch(id, name) {
  await api("POST", `/api/models/${id}/branch/${encodeURIComponent(name)}`, "{}");
}
