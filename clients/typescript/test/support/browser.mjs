// Debian's Chromium (apt package `chromium`) driven by playwright-core; Playwright's own browser download is not used.
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Root (CI) cannot use Chromium's sandbox.
    args: ['--no-sandbox'],
  });
}

/**
 * Opens the demo page in its own browser context (a separate user) and records what must never happen on it: console
 * errors, uncaught exceptions, failed requests and HTTP errors.
 */
export async function openDemoPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
  await page.goto(url, { waitUntil: 'load' });
  return { context, page, problems };
}

/** Pastes the token and connects; resolves when the events socket is open. */
export async function connectAs(page, token) {
  await page.fill('#token', token);
  await page.click('#connect');
  await page.waitForSelector('#state[data-status="open"]');
  await page.waitForSelector('#chat-state[data-status="open"]');
}
