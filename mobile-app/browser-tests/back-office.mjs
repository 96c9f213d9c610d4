// Browser tests of the managers' and auditors' screens against a running Brigade, after an evening played through
// the API.
//   BRIGADE_ORDER_DB=postgresql://postgres:postgres@localhost:5533/order_db node browser-tests/back-office.mjs http://localhost:8080
// BRIGADE_ORDER_DB is order-command's database, which one test edits behind the service's back to show a broken chain.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { api, BASE, check, DOWNLOADS, eventually, id, PATIENCE, run, shot, signIn, table, texts, token } from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 800 };
const money = (cents) => `${cents < 0 ? '-' : ''}€${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const decimal = (cents) => money(cents).replace('€', '');

const tests = [];
const test = (name, body) => tests.push({ name, body });

let managerPage;
let auditorPage;
/** The evening's order with a voided line, which the auditor reads. */
const voided = {};
/** The orders the sales report counted before the evening. */
let ordersBefore = 0;

async function dishes(waiter) {
  const menu = await api(waiter, 'GET', '/api/v1/menu');
  return Object.fromEntries(menu.categories.flatMap((c) => c.items).map((i) => [i.name, i]));
}

/** Bumps every ticket the kitchen has for the order, then waits until the order knows its lines are ready. */
async function cookAll(cook, staff, orderId) {
  const tickets = await eventually(
    async () => (await api(cook, 'GET', '/api/v1/kitchen/board')).filter((t) => t.orderId === orderId),
    (found) => found.length > 0,
    `tickets of ${orderId}`,
  );
  // a send makes one ticket per station: wait until they have all arrived
  await new Promise((resolve) => setTimeout(resolve, 500));
  const all = (await api(cook, 'GET', '/api/v1/kitchen/board')).filter((t) => t.orderId === orderId);
  for (const ticket of all.length >= tickets.length ? all : tickets) {
    await api(cook, 'POST', `/api/v1/kitchen/tickets/${ticket.ticketId}/bump`);
  }
  await eventually(() => api(staff, 'GET', `/api/v1/orders/${orderId}`), (o) => o.status === 'READY', `order ${orderId} ready`);
}

/** Bills and pays an order by card with a tip; returns the paid bill. */
async function billAndPay(staff, manager, orderId, { tipCents = 0, discountPercent } = {}) {
  await api(staff, 'POST', `/api/v1/orders/${orderId}/serve`, {});
  await api(staff, 'POST', `/api/v1/orders/${orderId}/bill`);
  const { billId } = await eventually(() => api(staff, 'GET', `/api/v1/orders/${orderId}`), (o) => o.billId, `bill of ${orderId}`);
  let bill = await eventually(() => api(staff, 'GET', `/api/v1/bills/${billId}`).catch(() => null), (b) => b?.totalCents > 0, `bill ${billId}`);
  if (discountPercent) {
    await api(manager, 'POST', `/api/v1/billing/bills/${billId}/discounts`, { kind: 'PERCENT', value: discountPercent, reason: 'regulars' });
    bill = await eventually(() => api(staff, 'GET', `/api/v1/bills/${billId}`), (b) => b.discountCents > 0, `discount on ${billId}`);
  }
  await api(staff, 'POST', `/api/v1/billing/bills/${billId}/payments`, {
    paymentId: crypto.randomUUID(),
    method: 'CARD',
    amountCents: bill.balanceCents,
    tipCents,
  });
  return eventually(() => api(staff, 'GET', `/api/v1/bills/${billId}`), (b) => b.status === 'PAID', `bill ${billId} paid`);
}

async function openWith(staff, number, guests, lines) {
  const orderId = crypto.randomUUID();
  await api(staff, 'POST', '/api/v1/orders', { orderId, tableId: table(number), guests });
  const lineIds = [];
  for (const [item, quantity] of lines) {
    const lineId = crypto.randomUUID();
    await api(staff, 'POST', `/api/v1/orders/${orderId}/lines`, { lineId, menuItemId: item.id, quantity });
    lineIds.push(lineId);
  }
  await api(staff, 'POST', `/api/v1/orders/${orderId}/send`, {});
  return { orderId, lineIds };
}

/** Fails when the page is wider than the window: a screen must fit a phone without sideways scrolling. */
async function fits(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  check(scroll <= inner + 1, `${what} is ${scroll}px wide in a ${inner}px window`);
}

test('an evening is played through the API: tables served, billed and paid, one discounted, one line voided by a manager in the app', async (browser) => {
  const waiter = await token('waiter');
  const manager = await token('manager');
  const cook = await token('cook');
  ordersBefore = (await api(manager, 'GET', '/api/v1/reports/sales?groupBy=hour')).totals.orders;
  const menu = await dishes(waiter);
  const plan = [
    [waiter, 8, 2, [[menu['Burrata'], 1], [menu['Ribeye steak 300g'], 2], [menu['Glass of red wine'], 2]], { tipCents: 500 }],
    [waiter, 9, 4, [[menu['Brigade burger'], 3], [menu['Fries'], 2], [menu['Craft lager'], 4]], { tipCents: 300, discountPercent: 10 }],
    [manager, 10, 2, [[menu['Fish and chips'], 2], [menu['Crème brûlée'], 2]], {}],
    [waiter, 11, 3, [[menu['Mushroom risotto'], 1], [menu['Ribeye steak 300g'], 1], [menu['House lemonade'], 3]], { tipCents: 200 }],
  ];
  for (const [staff, number, guests, lines, payment] of plan) {
    const { orderId } = await openWith(staff, number, guests, lines);
    await cookAll(cook, staff, orderId);
    await billAndPay(staff, manager, orderId, payment);
  }

  // table 12: the waiter orders, the manager voids the fries in the app with a reason, and the rest is served and paid
  const { orderId, lineIds } = await openWith(waiter, 12, 2, [[menu['Ribeye steak 300g'], 1], [menu['Fries'], 1], [menu['Espresso'], 2]]);
  Object.assign(voided, { orderId, lineId: lineIds[1], keptLineId: lineIds[0] });
  const boardItems = async () => (await api(cook, 'GET', '/api/v1/kitchen/board'))
    .filter((t) => t.orderId === orderId).flatMap((t) => t.items);
  // the fries are on the kitchen's board before the manager voids them, so the board's striking them can be awaited
  await eventually(boardItems, (items) => items.some((i) => i.lineId === voided.lineId), 'the fries on the board');
  const context = await browser.newContext({ viewport: DESK, acceptDownloads: true });
  managerPage = await context.newPage();
  await signIn(managerPage, 'manager');
  await managerPage.goto(`${BASE}/tables/${table(12)}`);
  await managerPage.click(id(`void-line-${voided.lineId}`), { timeout: PATIENCE });
  await managerPage.fill(id(`void-line-${voided.lineId}-reason`), 'guest changed their mind');
  await shot(managerPage, '20-manager-voids-a-line');
  await managerPage.click(id(`void-line-${voided.lineId}-confirm`));
  await managerPage.waitForSelector(`${id(`line-state-${voided.lineId}`)}:has-text("Voided")`, { timeout: PATIENCE });
  // the kitchen voids the fries' ticket once the order's void reaches it: only then is the rest of the board cooked
  await eventually(boardItems, (items) => items.every((i) => i.lineId !== voided.lineId || i.status === 'VOIDED'),
    'the kitchen striking the voided fries');
  await cookAll(cook, waiter, orderId);
  await billAndPay(waiter, manager, orderId, { tipCents: 100 });
});

test("the manager's today, sales by hour and best sellers match GET /reports, at 1280×800 and on a phone", async () => {
  const manager = await token('manager');
  const paid = await eventually(
    () => api(manager, 'GET', '/api/v1/reports/sales?groupBy=hour'),
    (r) => r.totals.orders === ordersBefore + 5,
    "the evening's five paid orders in the sales report",
  );
  await managerPage.goto(`${BASE}/manager`);
  await managerPage.waitForSelector(`${id('glance-sales')}:has-text("${money(paid.totals.grossCents)}")`, { timeout: PATIENCE });
  await shot(managerPage, '21-manager-today');

  await managerPage.click(id('manager-reports'));
  const compare = async () => {
    const hours = await api(manager, 'GET', '/api/v1/reports/sales?groupBy=hour');
    const items = await api(manager, 'GET', '/api/v1/reports/items');
    const bars = await texts(managerPage, '[data-testid^="sales-hour-bar-"]');
    const sellers = await texts(managerPage, '[data-testid^="best-seller-bar-"]');
    return {
      api: [hours.rows.map((r) => money(r.grossCents)), items.slice(0, 10).map((i) => String(i.quantity))],
      page: [bars, sellers],
      hours,
      items,
    };
  };
  const seen = await eventually(compare, (c) => c.page[0].length > 0 && JSON.stringify(c.api) === JSON.stringify(c.page), 'the charts against GET /reports');
  for (const row of seen.hours.rows) {
    const label = await managerPage.textContent(id(`sales-hour-bar-${row.key}`));
    check(label === money(row.grossCents), `the bar of ${row.key} reads ${label}, the report ${money(row.grossCents)}`);
  }
  for (const item of seen.items.slice(0, 10)) {
    const label = await managerPage.textContent(id(`best-seller-bar-${item.menuItemId}`));
    check(label === String(item.quantity), `${item.name}'s bar reads ${label}, the report ${item.quantity}`);
  }
  const ribeye = seen.items.find((i) => i.name === 'Ribeye steak 300g');
  check(ribeye && ribeye.quantity >= 4, `the ribeyes sold: ${JSON.stringify(ribeye)}`);
  console.log(`  sales by hour: ${seen.api[0].join(', ')}; best sellers ${seen.items.slice(0, 3).map((i) => `${i.name} ${i.quantity}`).join(', ')}`);
  await shot(managerPage, '22-reports-sales-best-sellers');
  await managerPage.locator(id('kitchen-times')).scrollIntoViewIfNeeded();
  await shot(managerPage, '23-reports-kitchen-adjustments');
  const adjustments = await managerPage.textContent(id('adjustments-table'));
  check(adjustments.includes('guest changed their mind') && adjustments.includes('regulars'), `adjustments read ${adjustments}`);

  await managerPage.setViewportSize(PHONE);
  await managerPage.locator(id('sales-by-hour')).scrollIntoViewIfNeeded();
  await fits(managerPage, 'the reports');
  await shot(managerPage, '24-reports-phone');
  await managerPage.setViewportSize(DESK);
});

test('a CSV download holds the same figures as the report', async () => {
  const manager = await token('manager');
  const save = async (button, name) => {
    const [download] = await Promise.all([managerPage.waitForEvent('download'), managerPage.click(id(button))]);
    const path = join(DOWNLOADS, name);
    await download.saveAs(path);
    return readFileSync(path, 'utf8').trim().split(/\r\n/).map((line) => line.split(','));
  };
  const hours = await api(manager, 'GET', '/api/v1/reports/sales?groupBy=hour');
  const csv = await save('csv-sales-by-hour', 'sales-by-hour.csv');
  check(csv[0].join(',') === 'hour,orders,covers,gross,discount,tax,net,tips,average check', `heading ${csv[0]}`);
  hours.rows.forEach((row, i) => {
    const line = csv[i + 1];
    check(
      line[0] === row.key && Number(line[1]) === row.orders && line[3] === decimal(row.grossCents) && line[7] === decimal(row.tipsCents),
      `CSV line ${line} against ${JSON.stringify(row)}`,
    );
  });
  const total = csv[csv.length - 1];
  check(total[0] === 'total' && total[3] === decimal(hours.totals.grossCents), `CSV total ${total} against ${hours.totals.grossCents}`);

  const items = await api(manager, 'GET', '/api/v1/reports/items');
  const sellers = await save('csv-best-sellers', 'best-sellers.csv');
  check(sellers.length === items.length + 1, `${sellers.length - 1} CSV lines for ${items.length} items`);
  items.forEach((item, i) => check(Number(sellers[i + 1].at(-2)) === item.quantity, `${item.name}: CSV ${sellers[i + 1]}`));
  console.log(`  sales-by-hour.csv: ${csv.length - 1} lines, total gross ${total[3]}`);
});

test('the manager starts a replay; the progress bar goes from 0 to done while the sales report stays on screen', async () => {
  const manager = await token('manager');
  const before = await api(manager, 'GET', '/api/v1/reports/sales?groupBy=hour');
  const firstBar = id(`sales-hour-bar-${before.rows[0].key}`);
  await managerPage.locator(id('replay-panel')).scrollIntoViewIfNeeded();
  await managerPage.click(id('replay-start'));
  const seen = [];
  let shotRunning = false;
  const deadline = Date.now() + 120_000;
  for (;;) {
    // the status first: the bar read after it is of the same moment or later, so a "Done" is never missed at 100
    const status = await managerPage.textContent(id('replay-status')).catch(() => '');
    const now = Number(await managerPage.getAttribute(id('replay-progress'), 'aria-valuenow'));
    check(await managerPage.isVisible(firstBar), `the sales chart left the screen during the replay (${status})`);
    if (seen.at(-1) !== now) {
      seen.push(now);
    }
    if (!shotRunning && status && !status.startsWith('Done')) {
      await shot(managerPage, '25-replay-running');
      shotRunning = true;
    }
    if (status.startsWith('Done')) {
      break;
    }
    check(!status.startsWith('Failed'), status);
    check(Date.now() < deadline, `the replay did not finish: ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await shot(managerPage, '26-replay-done');
  console.log(`  the progress bar showed ${seen.join('% → ')}%: ${await managerPage.textContent(id('replay-status'))}`);
  check(seen[0] === 0 && seen.at(-1) === 100, `the bar went ${seen.join(' → ')}`);
  check(seen.every((v, i) => i === 0 || v >= seen[i - 1]), `the bar went backwards: ${seen.join(' → ')}`);
  const after = await api(manager, 'GET', '/api/v1/reports/sales?groupBy=hour');
  check(after.totals.grossCents === before.totals.grossCents, `the replay changed the sales from ${before.totals.grossCents} to ${after.totals.grossCents}`);
  check((await managerPage.textContent(firstBar)) === money(after.rows[0].grossCents), 'the chart after the replay');
});

test('the back-office screens fit a phone and 1280×800', async () => {
  for (const [path, ready, name] of [
    ['/manager/menu', 'menu-editor', 'menu'],
    ['/manager/tables', 'tables-editor', 'tables'],
    ['/manager/settings', 'settings-screen', 'settings'],
    ['/manager', 'manager-home', 'today'],
  ]) {
    for (const [size, viewport] of [['desk', DESK], ['phone', PHONE]]) {
      await managerPage.setViewportSize(viewport);
      await managerPage.goto(BASE + path);
      await managerPage.waitForSelector(id(ready), { timeout: PATIENCE });
      if (path === '/manager/tables' && size === 'desk') {
        await managerPage.click(id('qr-sheet'));
        await managerPage.waitForSelector('[aria-label="QR code of table 12"] img, img[alt="QR code of table 12"], [aria-label="QR code of table 12"]', { timeout: PATIENCE });
      }
      await fits(managerPage, `${path} at ${viewport.width}×${viewport.height}`);
      await shot(managerPage, `27-${name}-${size}`);
    }
  }
  await managerPage.setViewportSize(DESK);
});

test('a waiter never sees the manager or auditor screens: a direct link says not allowed', async (browser) => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signIn(page, 'waiter');
  check(!(await page.isVisible(id('nav-reports'))), 'the waiter has a way to the reports');
  for (const path of ['/manager/reports', '/auditor', `/auditor/orders/${voided.orderId}`]) {
    await page.goto(BASE + path);
    await page.waitForSelector(id('not-allowed'), { timeout: PATIENCE });
    check(!(await page.isVisible(id('reports-screen'))) && !(await page.isVisible(id('audit-stream'))), `${path} showed its screen`);
  }
  await shot(page, '28-waiter-not-allowed');
  const refused = await fetch(`${BASE}/api/v1/reports/sales`, { headers: { Authorization: `Bearer ${await token('waiter')}` } });
  check(refused.status === 403, `the API gave a waiter the sales: ${refused.status}`);
  await context.close();
});

test("the auditor filters the feed by the waiter and opens the order from it", async (browser) => {
  const context = await browser.newContext({ viewport: DESK, acceptDownloads: true });
  auditorPage = await context.newPage();
  await signIn(auditorPage, 'auditor');
  await auditorPage.waitForSelector(id('feed-event-0'), { timeout: PATIENCE });
  const waiterEvent = auditorPage.locator('[data-testid^="feed-who-"]', { hasText: /^waiter/ }).first();
  await waiterEvent.click();
  await auditorPage.waitForSelector(`${id('feed-user-filter')}:has-text("waiter")`, { timeout: PATIENCE });
  const who = await eventually(
    () => texts(auditorPage, '[data-testid^="feed-event-"] [data-testid^="feed-who-"]'),
    (names) => names.length > 0 && names.every((n) => n.startsWith('waiter')),
    'only the waiter in the feed',
  );
  const auditor = await token('auditor');
  const waiterId = (await api(auditor, 'GET', `/api/v1/audit/orders/${voided.orderId}/events`))[0].metadata.userId;
  const fromApi = await api(auditor, 'GET', `/api/v1/audit/events?userId=${waiterId}&page=0&size=25`);
  check(who.length === fromApi.items.length, `${who.length} events on the page, ${fromApi.items.length} from the API`);
  await shot(auditorPage, '29-feed-by-waiter');

  await auditorPage.fill(id('feed-aggregate'), voided.orderId);
  await auditorPage.click(id('feed-apply'));
  await auditorPage.waitForSelector(`${id('feed-open-0')}:has-text("${voided.orderId.slice(0, 8)}")`, { timeout: PATIENCE });
  await auditorPage.click(id('feed-open-0'));
  await auditorPage.waitForSelector(id('stream-verdict'), { timeout: PATIENCE });
  check(auditorPage.url().endsWith(`/auditor/orders/${voided.orderId}`), auditorPage.url());
});

test('the auditor sees the chain intact, the order before the void with the line still there, and the edit in the database as broken at that event', async (browser) => {
  const auditor = await token('auditor');
  await api(auditor, 'POST', '/api/v1/audit/orders/checkpoints');
  const events = await api(auditor, 'GET', `/api/v1/audit/orders/${voided.orderId}/events`);
  const voidEvent = events.find((e) => e.type.endsWith('OrderLineVoided'));
  check(voidEvent, `no void among ${events.map((e) => e.type)}`);
  const before = events[events.indexOf(voidEvent) - 1];

  if (!auditorPage) {
    auditorPage = await (await browser.newContext({ viewport: DESK })).newPage();
    await signIn(auditorPage, 'auditor');
  }
  await auditorPage.goto(`${BASE}/auditor/orders/${voided.orderId}`);
  const intact = await auditorPage.waitForSelector(`${id('stream-verdict')}:has-text("Chain intact")`, { timeout: PATIENCE });
  const verdict = await intact.textContent();
  check(verdict.includes(`${events.length} events, covered by checkpoint of`), verdict);
  await auditorPage.waitForSelector(`${id(`line-state-${voided.lineId}`)}:has-text("Voided")`, { timeout: PATIENCE });
  await shot(auditorPage, '30-stream-intact');

  await auditorPage.click(id(`instant-${before.sequence}`));
  await auditorPage.waitForSelector(`${id('instant-chosen')}:has-text("after #${before.sequence}")`, { timeout: PATIENCE });
  const stood = await eventually(
    () => auditorPage.textContent(id(`line-state-${voided.lineId}`)).catch(() => null),
    (state) => state && state !== 'Voided',
    'the fries before the void',
  );
  check(await auditorPage.isVisible(id(`line-state-${voided.keptLineId}`)), 'the ribeye before the void');
  console.log(`  before the void (#${voidEvent.sequence}) the fries were ${stood}`);
  await shot(auditorPage, '31-before-the-void');

  await auditorPage.setViewportSize(PHONE);
  await fits(auditorPage, 'the order stream');
  await shot(auditorPage, '32-stream-phone');
  await auditorPage.setViewportSize(DESK);

  const database = process.env.BRIGADE_ORDER_DB;
  check(database, 'BRIGADE_ORDER_DB names order-command database');
  const edited = execFileSync('psql', [database, '-v', 'ON_ERROR_STOP=1', '-tA', '-c',
    `update domain_event_entry set payload = convert_to(replace(convert_from(payload, 'UTF8'), 'guest changed their mind', 'the kitchen burnt it'), 'UTF8')
     where aggregate_identifier = '${voided.orderId}' and sequence_number = ${voidEvent.sequence} returning sequence_number`,
  ]).toString().trim().split('\n')[0];
  check(edited === String(voidEvent.sequence), `psql edited ${edited}`);

  await auditorPage.click(id('verify-again'));
  const broken = await auditorPage.waitForSelector(`${id('stream-verdict')}:has-text("Broken at event #${voidEvent.sequence}")`, { timeout: PATIENCE });
  console.log(`  after the edit: ${await broken.textContent()}`);
  await auditorPage.waitForSelector(`${id(`stream-event-${voidEvent.sequence}`)}:has-text("no longer matches")`);
  await auditorPage.locator(id(`stream-event-${voidEvent.sequence}`)).scrollIntoViewIfNeeded();
  await shot(auditorPage, '33-stream-broken');

  await auditorPage.goto(`${BASE}/auditor`);
  await auditorPage.waitForSelector(id('feed-export'), { timeout: PATIENCE });
  await auditorPage.setViewportSize(PHONE);
  await fits(auditorPage, 'the feed');
  await shot(auditorPage, '34-feed-phone');
});

await run(tests, () => ({ manager: managerPage, auditor: auditorPage }));
