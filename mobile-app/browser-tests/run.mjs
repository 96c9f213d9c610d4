// Browser tests of the web build against a running Brigade, through its gateway, in Debian's Chromium.
//   node browser-tests/run.mjs http://localhost:8080
// Screenshots go to target/screenshots/. Exits non-zero when a test fails or Chromium is missing.
import { api, BASE, check, eventually, id, PATIENCE, run, shot, signIn, table, texts, token } from './harness.mjs';

async function addDish(page, category, dish, { modifier, seat, notes } = {}) {
  await page.fill(id('menu-search'), '');
  await page.click(id(`menu-category-${category}`));
  await page.waitForSelector(`${id(`menu-category-${category}`)}[aria-pressed="true"]`, { timeout: PATIENCE });
  await page.click(id(`menu-item-${dish}`));
  if (modifier) {
    await page.click(id(`modifier-${modifier}`));
  }
  if (seat) {
    await page.click(id(`seat-${seat}`));
  }
  if (notes) {
    await page.fill(id('item-notes'), notes);
  }
  await page.click(id('item-add'));
}

/** Starts, readies and bumps table `number`'s ticket on the kitchen page's current station. */
async function cook(kitchen, number) {
  const card = kitchen.locator(`[data-testid^="ticket-"]:has(${id(`ticket-table-${number}`)})`).first();
  await card.waitFor({ timeout: PATIENCE });
  const items = card.locator('[data-testid^="kitchen-item-"]:not([data-testid^="kitchen-item-status-"])');
  const count = await items.count();
  for (let i = 0; i < count; i++) {
    const item = items.nth(i);
    await item.click();
    await item.locator(':text("Cooking")').waitFor({ timeout: PATIENCE });
    await item.click();
    await item.locator(':text("Ready")').waitFor({ timeout: PATIENCE });
  }
  await card.locator('[data-testid^="bump-"]').click();
  await card.waitFor({ state: 'detached', timeout: PATIENCE });
}

const tests = [];
const test = (name, body) => tests.push({ name, body });

let waiterPage;
let kitchenPage;

test('the first page at / is the sign-in screen', async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(BASE + '/');
  await page.waitForSelector(id('sign-in-screen'), { timeout: PATIENCE });
  check(await page.isVisible(id('sign-in-username')), 'no username field');
  check(await page.isVisible(id('sign-in-password')), 'no password field');
  await shot(page, '01-sign-in');
  await context.close();
});

test('a waiter orders for table 5, the grill sees it at once, cooks it, and the table is paid and free', async (browser) => {
  const waiterContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const kitchenContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  waiterPage = await waiterContext.newPage();
  kitchenPage = await kitchenContext.newPage();

  await signIn(kitchenPage, 'cook');
  await kitchenPage.click(id('station-grill'));
  await signIn(waiterPage, 'waiter');
  await waiterPage.waitForSelector(id('floor-table-5'));
  await shot(waiterPage, '02-floor');

  await waiterPage.click(id('floor-table-5'));
  await waiterPage.click(id('open-table-submit'));
  await waiterPage.waitForSelector(`${id('table-status')}:has-text("OPEN")`, { timeout: PATIENCE });
  await addDish(waiterPage, 'Mains', 'Ribeye steak 300g', { modifier: 'Béarnaise', seat: 1, notes: 'medium rare' });
  await addDish(waiterPage, 'Sides', 'Fries', { seat: 2 });
  await eventually(() => texts(waiterPage, '[data-testid^="line-state-"]'), (s) => s.length === 2 && s.every((t) => t === 'New'), 'two new lines');
  await shot(waiterPage, '03-table-5-order');

  const answered = waiterPage.waitForResponse((r) => r.url().endsWith('/send'), { timeout: PATIENCE });
  const sentAt = Date.now();
  await waiterPage.click(id('send-all'));
  await answered;
  const answerMs = Date.now() - sentAt;
  await kitchenPage.waitForSelector(id('ticket-table-5'), { timeout: PATIENCE });
  const latency = Date.now() - sentAt;
  console.log(`  the grill's display showed table 5's ticket ${latency} ms after the waiter pressed send (the send was answered after ${answerMs} ms)`);
  await shot(kitchenPage, '04-grill-ticket');
  check(latency <= 1000, `the ticket took ${latency} ms to reach the grill's display`);

  const card = kitchenPage.locator(`[data-testid^="ticket-"]:has(${id('ticket-table-5')})`).first();
  const text = await card.textContent();
  check(text.includes('Ribeye steak 300g') && text.includes('Béarnaise') && text.includes('medium rare'), `grill ticket reads ${text}`);
  check(!text.includes('Fries'), 'the fries went to the grill');
  await cook(kitchenPage, 5);
  await kitchenPage.click(id('station-fryer'));
  await cook(kitchenPage, 5);

  await eventually(() => texts(waiterPage, '[data-testid^="line-state-"]'), (s) => s.length === 2 && s.every((t) => t === 'Ready'), 'lines ready on the waiter page');
  await shot(waiterPage, '05-lines-ready');
  await waiterPage.click(id('serve'));
  await eventually(() => texts(waiterPage, '[data-testid^="line-state-"]'), (s) => s.length === 2 && s.every((t) => t === 'Served'), 'lines served');

  await waiterPage.click(id('request-bill'));
  await waiterPage.waitForSelector(id('bill-total'), { timeout: PATIENCE });
  await waiterPage.click(id('split-equal'));
  await waiterPage.waitForSelector(id('check-2'), { timeout: PATIENCE });
  await shot(waiterPage, '06-bill-split');
  await waiterPage.fill(id('check-1-tip'), '2.00');
  await waiterPage.click(id('check-1-pay'));
  await waiterPage.waitForSelector(id('check-1-paid'), { timeout: PATIENCE });
  await waiterPage.fill(id('check-2-tip'), '1.50');
  await waiterPage.click(id('check-2-pay'));
  await waiterPage.waitForSelector(id('table-freed'), { timeout: PATIENCE });
  await shot(waiterPage, '07-paid');

  await waiterPage.click(id('back-to-floor'));
  await waiterPage.waitForSelector(`${id('floor-table-5-state')}:has-text("Free")`, { timeout: PATIENCE });
  await shot(waiterPage, '08-floor-table-5-free');

  const waiter = await token('waiter');
  const bills = await api(waiter, 'GET', `/api/v1/bills?orderId=${(await api(waiter, 'GET', '/api/v1/orders?tableId=' + table(5)))[0].orderId}`);
  check(bills[0].status === 'PAID' && bills[0].tipsCents === 350 && bills[0].payments.length === 2, `bill ${JSON.stringify(bills[0])}`);
});

test('with the network cut, three lines and a send wait on the device and reach the server once each', async () => {
  const waiter = await token('waiter');
  const cookToken = await token('cook');
  // the table's QR code link, opened in the signed-in tab
  await waiterPage.goto(`${BASE}/tables/${table(6)}`);
  await waiterPage.click(id('open-table-submit'));
  await waiterPage.waitForSelector(`${id('table-status')}:has-text("OPEN")`, { timeout: PATIENCE });
  const orderId = (await eventually(() => api(waiter, 'GET', '/api/v1/floor'), (rows) => rows.find((r) => r.table.number === 6)?.order, 'table 6 open'))
    .find((r) => r.table.number === 6).order.id;

  await waiterPage.context().setOffline(true);
  await addDish(waiterPage, 'Mains', 'Brigade burger');
  await addDish(waiterPage, 'Mains', 'Grilled sea bass');
  await addDish(waiterPage, 'Mains', 'Mushroom risotto');
  await waiterPage.click(id('send-all'));
  await waiterPage.waitForSelector(id('outbox-banner'), { timeout: PATIENCE });
  const pending = await waiterPage.$$('[data-testid^="pending-line-"]');
  check(pending.length === 3, `${pending.length} pending lines while offline`);
  await shot(waiterPage, '09-offline-pending');

  await waiterPage.context().setOffline(false);
  const order = await eventually(
    () => api(waiter, 'GET', `/api/v1/orders/${orderId}`),
    (o) => o.lines.length >= 3 && o.lines.every((l) => l.state !== 'NEW'),
    'the order after the network came back',
  );
  await waiterPage.waitForSelector(id('outbox-banner'), { state: 'detached', timeout: PATIENCE });
  await shot(waiterPage, '10-back-online');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const settled = await api(waiter, 'GET', `/api/v1/orders/${orderId}`);
  const names = settled.lines.map((l) => l.name).sort();
  check(
    JSON.stringify(names) === JSON.stringify(['Brigade burger', 'Grilled sea bass', 'Mushroom risotto']),
    `the order's lines are ${JSON.stringify(names)} (first seen ${order.lines.length})`,
  );
  const tickets = (await api(cookToken, 'GET', '/api/v1/kitchen/board?station=grill')).filter((t) => t.orderId === orderId);
  check(tickets.length === 1 && tickets[0].items.length === 3, `the kitchen has ${JSON.stringify(tickets)}`);
});

test('the kitchen display at 1280×800 shows at least 8 of 10 open tickets whole', async () => {
  const waiter = await token('waiter');
  const orderId = crypto.randomUUID();
  await api(waiter, 'POST', '/api/v1/orders', { orderId, tableId: table(7), guests: 4 });
  const menu = await api(waiter, 'GET', '/api/v1/menu');
  const desserts = menu.categories.flatMap((c) => c.items).filter((i) => i.station === 'pastry');
  for (let i = 0; i < 10; i++) {
    const dish = desserts[i % desserts.length];
    await api(waiter, 'POST', `/api/v1/orders/${orderId}/lines`, { menuItemId: dish.id, quantity: 1 + (i % 2), seat: 1 + (i % 4) });
    await api(waiter, 'POST', `/api/v1/orders/${orderId}/send`, {});
  }
  await kitchenPage.setViewportSize({ width: 1280, height: 800 });
  await kitchenPage.click(id('station-pastry'));
  const cards = '[data-testid^="ticket-"]:not([data-testid^="ticket-table-"]):not([data-testid="ticket-age"])';
  await eventually(async () => (await kitchenPage.$$(cards)).length, (n) => n === 10, 'ten pastry tickets on the display');
  await shot(kitchenPage, '11-kitchen-ten-tickets');
  const whole = await kitchenPage.$$eval(cards, (elements) =>
    elements.filter((e) => {
      const box = e.getBoundingClientRect();
      return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
    }).length,
  );
  console.log(`  ${whole} of 10 tickets wholly visible at 1280×800`);
  check(whole >= 8, `only ${whole} of 10 tickets are wholly visible`);
});

await run(tests, () => ({ waiter: waiterPage, kitchen: kitchenPage }));
