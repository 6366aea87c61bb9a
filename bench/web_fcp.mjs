// First contentful paint of web UI pages in Debian's chromium, headless, without throttling
// (bench/README.md#web-pages). Each page is
// loaded 5 times in a fresh context (a cold cache every time) and the median is reported.
// Lighthouse's scores come from bench/web_lighthouse.sh.
// Usage: node bench/web_fcp.mjs BASE_URL PATH... (uses tests/browser/node_modules/playwright-core)
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../tests/browser/package.json"));
const { chromium } = require("playwright-core");

const [base, ...paths] = process.argv.slice(2);
const executablePath = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => {
  try { require("node:fs").accessSync(p); return true; } catch { return false; }
});
const browser = await chromium.launch({ executablePath, headless: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log("| page | first contentful paint, median of 5 (ms) | DOMContentLoaded (ms) | HTML bytes |");
console.log("|---|---:|---:|---:|");
for (const p of paths) {
  const fcp = [], dcl = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const response = await page.goto(base + p, { waitUntil: "load" });
    bytes = (await response.body()).length;
    // The paint entry can land after "load": wait for it through a buffered observer.
    const t = await page.evaluate(() => new Promise((resolve) => {
      const nav = performance.getEntriesByType("navigation")[0];
      new PerformanceObserver((list, observer) => {
        const paint = list.getEntriesByName("first-contentful-paint")[0];
        if (!paint) return;
        observer.disconnect();
        resolve({ fcp: paint.startTime, dcl: nav.domContentLoadedEventEnd });
      }).observe({ type: "paint", buffered: true });
    }));
    fcp.push(t.fcp);
    dcl.push(t.dcl);
    await context.close();
  }
  console.log(`| \`${p}\` | ${median(fcp).toFixed(0)} | ${median(dcl).toFixed(0)} | ${bytes} |`);
}
await browser.close();
