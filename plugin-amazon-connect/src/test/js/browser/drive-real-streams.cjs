"use strict";
// Drives real-streams.html in headless Chromium: the real amazon-connect-streams with a stand-in CCP iframe.
// Usage: node drive-real-streams.cjs <page url> <snapshot json file>; env PLAYWRIGHT_CORE, CHROMIUM.
// Prints one JSON line with the API requests the stand-in CCP received; exit code 0 on success.
const fs = require("node:fs");
const { launch } = require("./chromium.cjs");

const url = process.argv[2];
const snapshot = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const TIMEOUT = 20000;

(async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    page.on("pageerror", (e) => process.stderr.write("page error: " + e + "\n"));
    await page.goto(url);
    await page.waitForFunction(() => window.bridge && window.bridge.status() === "connected", null,
      { timeout: TIMEOUT });
    await page.waitForFunction(() => window.connect.core.initialized === true, null, { timeout: TIMEOUT });
    const ccp = page.frames().find((f) => f.url().includes("ccp-standin.html"));
    if (!ccp) {
      throw new Error("the CCP iframe did not load");
    }
    await ccp.evaluate((payload) => window.pushAgentUpdate(payload), snapshot);
    await ccp.evaluate(() => window.pushEvent("agent::mute_toggle", { muted: true }));
    // Java sends a hold command once it has seen the snapshot; Streams turns it into an API request.
    await ccp.waitForFunction(() => window.apiRequests.some((r) => r.method === "holdConnection"), null,
      { timeout: TIMEOUT });
    const apiRequests = await ccp.evaluate(() => window.apiRequests);
    process.stdout.write(JSON.stringify({ apiRequests, version: await page.evaluate(() => window.connect.version) })
      + "\n");
  } finally {
    await browser.close();
  }
})().catch((e) => {
  process.stderr.write("drive-real-streams failed: " + (e && e.stack || e) + "\n");
  process.exit(1);
});
