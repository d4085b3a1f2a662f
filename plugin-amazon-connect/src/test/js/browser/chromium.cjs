"use strict";
// Shared by the browser scripts: headless Chromium (playwright-core from env PLAYWRIGHT_CORE, the Debian browser
// from env CHROMIUM) with the project's flags, and a page's errors and console warnings/errors reported to stderr.
const { chromium } = require(process.env.PLAYWRIGHT_CORE || "playwright-core");

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** @returns {Promise<import("playwright-core").Browser>} */
function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ARGS });
}

/** Writes the page's errors (also collected in pageErrors) and console warnings/errors to stderr. */
function report(page, pageErrors) {
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") {
      process.stderr.write("page console " + m.type() + ": " + m.text() + "\n");
    }
  });
  page.on("pageerror", (e) => {
    pageErrors.push(String(e));
    process.stderr.write("page error: " + e + "\n");
  });
}

module.exports = { launch, report };
