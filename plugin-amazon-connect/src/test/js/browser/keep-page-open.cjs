"use strict";
// Opens a bridge page in headless Chromium (playwright-core) and keeps it open while the Java test drives it; when
// the test closes this process's stdin, prints one JSON line describing the page and its frames, then exits.
// Usage: node keep-page-open.cjs <page url>; env PLAYWRIGHT_CORE (path of playwright-core), CHROMIUM.
// Page errors and console warnings/errors go to stderr for the test's failure message.
const { launch, report } = require("./chromium.cjs");

const url = process.argv[2];
const TIMEOUT = 20000;

function stdinClosed() {
  return new Promise((resolve) => {
    process.stdin.on("end", resolve);
    process.stdin.on("close", resolve);
    process.stdin.on("error", resolve);
    process.stdin.resume();
  });
}

(async () => {
  const browser = await launch();
  const pageErrors = [];
  try {
    const page = await browser.newPage();
    report(page, pageErrors);
    await page.goto(url);
    await page.waitForFunction(() => window.bridge && window.bridge.status() === "connected", null,
      { timeout: TIMEOUT });
    await stdinClosed();
    const summary = await page.evaluate(() => {
      const iframe = document.querySelector("iframe");
      return {
        streamsVersion: window.connect && window.connect.version,
        coreInitialized: !!(window.connect && window.connect.core.initialized),
        statuses: window.statuses || [],
        iframe: iframe ? { name: iframe.name, src: iframe.src } : null,
        pageOrigin: location.origin
      };
    });
    summary.pageErrors = pageErrors;
    summary.frames = [];
    for (const f of page.frames()) {
      if (f === page.mainFrame()) {
        continue;
      }
      let standIn = null;
      try {
        standIn = await f.evaluate(() => window.standIn || null);
      } catch (e) {
        standIn = { unreadable: String(e) };
      }
      summary.frames.push({ url: f.url(), standIn });
    }
    process.stdout.write(JSON.stringify(summary) + "\n");
  } finally {
    await browser.close();
  }
})().catch((e) => {
  process.stderr.write("keep-page-open failed: " + (e && e.stack || e) + "\n");
  process.exit(1);
});
