"use strict";
// Opens bridge pages in one headless Chromium (playwright-core): every line read from stdin is a page URL; the
// previous page is closed and the new one opened (a fresh Streams, which allows one initCCP per page). When stdin
// ends, prints one JSON line {opened, pageErrors} and exits. Page errors and console errors/warnings go to stderr.
// Usage: node page-per-line.cjs; env PLAYWRIGHT_CORE (path of playwright-core), CHROMIUM.
const readline = require("node:readline");
const { launch, report } = require("./chromium.cjs");

(async () => {
  const browser = await launch();
  const pageErrors = [];
  let opened = 0;
  let page = null;
  try {
    const lines = readline.createInterface({ input: process.stdin });
    for await (const line of lines) {
      const url = line.trim();
      if (!url) {
        continue;
      }
      if (page) {
        await page.close();
      }
      page = await browser.newPage();
      report(page, pageErrors);
      await page.goto(url);
      opened += 1;
    }
    process.stdout.write(JSON.stringify({ opened, pageErrors }) + "\n");
  } finally {
    await browser.close();
  }
})().catch((e) => {
  process.stderr.write("page-per-line failed: " + (e && e.stack || e) + "\n");
  process.exit(1);
});
