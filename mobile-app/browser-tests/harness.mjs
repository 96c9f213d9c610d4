// What every browser scenario needs: the gateway's address, the demo users, calls to the API, patience, screenshots,
// and a runner that launches Debian's Chromium, runs the scenario's tests in order and exits non-zero on a failure.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const BASE = (process.argv[2] ?? process.env.BRIGADE_URL ?? 'http://localhost:8080').replace(/\/$/, '');
export const SHOTS = process.env.BRIGADE_SCREENSHOTS ?? join(here, '..', 'target', 'screenshots');
export const DOWNLOADS = join(here, '..', 'target', 'downloads');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PATIENCE = 20_000;

export const PASSWORDS = {
  waiter: 'brigade-waiter-2026',
  cook: 'brigade-cook-2026',
  manager: 'brigade-manager-2026',
  auditor: 'brigade-auditor-2026',
  admin: 'brigade-admin-2026',
};
export const table = (n) => `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const id = (testId) => `[data-testid="${testId}"]`;

export function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

export async function api(token, method, path, body) {
  const response = await fetch(BASE + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} → ${response.status} ${text}`);
  }
  return text ? JSON.parse(text) : undefined;
}

export async function token(user) {
  return (await api(null, 'POST', '/api/v1/auth/login', { username: user, password: PASSWORDS[user] })).accessToken;
}

export async function eventually(read, accept, what, timeout = PATIENCE) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)?.slice(0, 500)}`);
}

/** Every browser context's failed requests, error answers and console errors, so a failure's log says what the app met. */
function watchForTroubles(browser) {
  const seen = [];
  const note = (text) => seen.push({ at: Date.now(), text });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...options) => {
    const context = await newContext(...options);
    context.on('response', (r) => r.status() >= 400 && note(`${r.status()} ${r.request().method()} ${r.url()}`));
    context.on('requestfailed', (r) => note(`failed ${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
    context.on('console', (m) => m.type() === 'error' && note(`console: ${m.text().slice(0, 300)}`));
    return context;
  };
  return { since: (time) => seen.filter((t) => t.at >= time).slice(-30).map((t) => `${new Date(t.at).toISOString()} ${t.text}`) };
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
  console.log(`  screenshot ${name}.png`);
}

export async function signIn(page, user) {
  await page.goto(BASE + '/');
  await page.fill(id('sign-in-username'), user);
  await page.fill(id('sign-in-password'), PASSWORDS[user]);
  await page.click(id('sign-in-submit'));
  await page.waitForSelector(`${id('live-status')}:has-text("Live")`, { timeout: PATIENCE });
}

export async function texts(page, selector) {
  return page.$$eval(selector, (elements) => elements.map((e) => e.textContent.trim()));
}

/**
 * Runs `tests` ({name, body(browser)}) in order in one Chromium; `pages()` names the pages to photograph when a test
 * fails. `BRIGADE_BROWSER_TESTS=1,3` runs only those.
 */
export async function run(tests, pages = () => ({})) {
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium is not at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    process.exit(2);
  }
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(DOWNLOADS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const troubles = watchForTroubles(browser);
  let failures = 0;
  const only = process.env.BRIGADE_BROWSER_TESTS?.split(',').map(Number);
  for (const [index, { name, body }] of tests.entries()) {
    if (only && !only.includes(index + 1)) {
      continue;
    }
    const started = Date.now();
    try {
      await body(browser);
      console.log(`PASS ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failures++;
      console.log(`FAIL ${name} (${Date.now() - started} ms)\n  ${error.stack ?? error}`);
      for (const [who, page] of Object.entries(pages()).filter(([, p]) => p)) {
        await page.screenshot({ path: join(SHOTS, `failed-${index}-${who}.png`) }).catch(() => undefined);
        const shown = await page.evaluate(() => document.body.innerText).catch((e) => `(unreadable: ${e.message})`);
        console.log(`  the ${who}'s page at ${page.url()} showed:\n    ${shown.slice(0, 1200).replace(/\n+/g, ' | ')}`);
      }
      console.log(troubles.since(started).map((t) => `  ${t}`).join('\n') || '  no failed request or console error');
    }
  }
  await browser.close();
  console.log(`${tests.length - failures} of ${tests.length} browser tests passed; screenshots in ${SHOTS}`);
  process.exit(failures ? 1 : 0);
}
