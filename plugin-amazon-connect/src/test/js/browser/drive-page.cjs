"use strict";
// Drives the bridge test page in headless Chromium (playwright-core), for BridgeRealBrowserTest.
// Usage: node drive-page.cjs <page url>; env PLAYWRIGHT_CORE = path of the playwright-core package.
// Prints one JSON line with what the page's fake `connect` recorded; exit code 0 on success.
const { launch } = require("./chromium.cjs");

const url = process.argv[2];
const TIMEOUT = 20000;

(async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    page.on("console", (m) => process.stderr.write("page console: " + m.text() + "\n"));
    page.on("pageerror", (e) => process.stderr.write("page error: " + e + "\n"));
    await page.goto(url);
    await page.waitForFunction(() => window.bridge && window.bridge.status() === "connected", null,
      { timeout: TIMEOUT });
    // Snapshot relay: Streams fires agent::update with Date objects, as the real library does.
    await page.evaluate(() => window.fake.connect.core.getEventBus().trigger("agent::update", {
      snapshot: { state: { name: "Available", type: "routable", startTimestamp: new Date(Date.UTC(2025, 2, 4, 10, 14, 2)) },
        contacts: [] },
      configuration: { name: "Jane Doe", agentStates: [] }
    }));
    // Java answers with a hold command; then drops the socket; the page reconnects and gets an accept command.
    await page.waitForFunction(() => window.fake.calls.some((c) => c.method === "contact.accept"), null,
      { timeout: TIMEOUT });
    const result = await page.evaluate(() => ({
      calls: window.fake.calls.filter((c) => c.method !== "core.initCCP"),
      statuses: window.statuses.map((s) => s.status),
      pageId: window.bridge.pageId
    }));
    process.stdout.write(JSON.stringify(result) + "\n");
  } finally {
    await browser.close();
  }
})().catch((e) => {
  process.stderr.write("drive-page failed: " + (e && e.stack || e) + "\n");
  process.exit(1);
});
