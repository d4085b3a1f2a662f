// Drives the `serve` page in headless Chromium like an agent would: the application's buttons on the left, the
// vendor's softphone window on the right. Prints the timeline it ends with as JSON on stdout and saves a screenshot.
// Usage: node serve-page.cjs URL SCREENSHOT   (env PLAYWRIGHT_CORE = path of playwright-core, CHROMIUM = browser)
'use strict';
const { chromium } = require(process.env.PLAYWRIGHT_CORE);

const [url, screenshot] = process.argv.slice(2);
const WAIT = 20000;

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
    const problems = [];
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    await page.goto(url);

    // Waits until the timeline shows an event of this type whose text contains `text`, caused by `by`.
    const seen = async (type, text, by) => {
      await page.waitForFunction(([t, x, b]) => [...document.querySelectorAll('#timeline li')].some((li) =>
        li.dataset.type === t && li.querySelector('.text').textContent.includes(x) && li.className === b),
      [type, text, by], { timeout: WAIT });
    };
    const app = (verb) => page.click(`#app button[data-verb="${verb}"]`);
    const ccp = (action, extra = '') => page.click(`#ccp button[data-ccp="${action}"]${extra}`);

    // The agent signs in through the softphone window; the application makes them ready.
    await ccp('signIn');
    await seen('AgentLoggedIn', 'NOT_READY(Offline)', 'softphone');
    await app('ready');
    await seen('AgentStateChanged', '-> READY', 'app');

    // A customer calls; the application answers and consults the Helpdesk quick connect, then completes.
    await ccp('customerCalls');
    await seen('CallOffered', 'inbound from +447700900123', 'softphone');
    await app('answer');
    await seen('CallConnected', 'contact-1', 'app');
    await app('transferDestinations');
    await page.waitForFunction(() => document.querySelector('#destination').options.length > 2, null,
      { timeout: WAIT });
    await page.selectOption('#destination', 'quickConnect:Helpdesk');
    await app('startTransfer');
    await seen('ConsultStarted', 'quick connect "Helpdesk"', 'app');
    await ccp('thirdPartyAnswers');
    await seen('ConsultConnected', 'contact-1', 'softphone');
    await app('completeTransfer');
    await seen('TransferCompleted', 'mode CONSULTED', 'app');
    await seen('CallEnded', 'ended by TRANSFER', 'app');

    // The application pauses for Break; the agent changes it to Lunch in the softphone window.
    await page.selectOption('#pause-reason', 'BREAK');
    await app('pause');
    await seen('AgentStateChanged', '-> NOT_READY(BREAK)', 'app');
    await page.selectOption('#ccp-status', 'Lunch');
    await ccp('selectState');
    await seen('AgentStateChanged', 'NOT_READY(BREAK) -> NOT_READY(Lunch)', 'softphone');
    await page.waitForFunction(() => document.querySelector('#agent-state').textContent === 'NOT_READY(Lunch)',
      null, { timeout: WAIT });

    // Back to work; a second customer; this time the agent transfers by hand in the softphone window.
    await app('ready');
    await seen('AgentStateChanged', 'NOT_READY(Lunch) -> READY', 'app');
    await ccp('customerCalls');
    await seen('CallOffered', 'contact-2', 'softphone');
    await ccp('accept');
    await seen('CallConnected', 'contact-2', 'softphone');
    await ccp('addParty', '[data-target="Helpdesk"]');
    await seen('ConsultStarted', 'contact-2: consulting quick connect "Helpdesk"', 'softphone');
    await ccp('thirdPartyAnswers');
    await seen('ConsultConnected', 'contact-2', 'softphone');
    await ccp('hangUp');
    await seen('TransferCompleted', 'contact-2 transferred to quick connect "Helpdesk"', 'softphone');
    await seen('CallEnded', 'contact-2 ended by TRANSFER', 'softphone');
    await page.waitForFunction(() => document.querySelector('#ccp-state').textContent === 'AfterCallWork', null,
      { timeout: WAIT });

    await page.screenshot({ path: screenshot, fullPage: true });
    const timeline = await page.$$eval('#timeline li', (items) => items.map((li) => ({
      seq: Number(li.dataset.seq), by: li.className, type: li.dataset.type,
      text: li.querySelector('.text').textContent,
    })));
    const agentState = await page.textContent('#agent-state');
    const ccpState = await page.textContent('#ccp-state');
    process.stdout.write(JSON.stringify({ timeline, agentState, ccpState, problems }));
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
});
