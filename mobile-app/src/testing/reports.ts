import type { Adjustment, AuditEvent, ItemSales, ReplayStatus, SalesReport, SalesRow, StationTimes } from '../api/types';
import { ORDER } from './demo';

export function salesRow(key: string, grossCents: number, orders = 2): SalesRow {
  return {
    key,
    orders,
    covers: orders * 2,
    grossCents,
    discountCents: 0,
    taxCents: Math.round(grossCents / 11),
    netCents: grossCents - Math.round(grossCents / 11),
    tipsCents: 150,
    averageCheckCents: Math.round(grossCents / orders),
  };
}

export function salesReport(rows: SalesRow[]): SalesReport {
  const sum = (pick: (r: SalesRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  const orders = sum((r) => r.orders);
  return {
    from: '2026-11-29T23:00:00Z',
    to: '2026-11-30T23:00:00Z',
    timeZone: 'Europe/Paris',
    rows,
    totals: {
      orders,
      covers: sum((r) => r.covers),
      grossCents: sum((r) => r.grossCents),
      discountCents: sum((r) => r.discountCents),
      taxCents: sum((r) => r.taxCents),
      netCents: sum((r) => r.netCents),
      tipsCents: sum((r) => r.tipsCents),
      averageCheckCents: orders ? Math.round(sum((r) => r.grossCents) / orders) : 0,
    },
  };
}

export const BY_HOUR = salesReport([salesRow('2026-11-30T19:00', 12_450), salesRow('2026-11-30T20:00', 30_800, 5)]);
export const BY_WAITER = salesReport([salesRow('waiter', 43_250, 7)]);
export const BY_TABLE = salesReport([salesRow('5', 20_000, 3), salesRow('7', 23_250, 4)]);

export const ITEMS: ItemSales[] = [
  { menuItemId: 'ribeye', name: 'Ribeye steak 300g', quantity: 9, grossCents: 28_800 },
  { menuItemId: 'fries', name: 'Fries', quantity: 6, grossCents: 2_700 },
];

export const KITCHEN: StationTimes[] = [
  { station: 'grill', tickets: 8, p50Seconds: 410.5, p90Seconds: 720, maxSeconds: 905, delayed: 1 },
  { station: 'fryer', tickets: 5, p50Seconds: 200, p90Seconds: 260, maxSeconds: 300, delayed: 0 },
];

export const ADJUSTMENTS: Adjustment[] = [
  {
    at: '2026-11-30T20:15:00Z',
    kind: 'VOID',
    orderId: ORDER,
    billId: null,
    amountCents: 3200,
    reason: 'sent twice, by mistake',
    by: 'manager',
    approvedBy: 'manager',
  },
];

export function replay(state: ReplayStatus['state'], processed: number, total: number, eventsPerSecond = 0): ReplayStatus {
  return {
    replayId: 'f0000000-0000-4000-8000-000000000001',
    state,
    processed,
    total,
    startedAt: '2026-11-30T21:00:00Z',
    finishedAt: state === 'DONE' ? '2026-11-30T21:00:09Z' : null,
    eventsPerSecond,
    reason: null,
  };
}

const WAITER = 'd0000000-0000-4000-8000-000000000003';
const MANAGER = 'd0000000-0000-4000-8000-000000000002';

export function orderEvent(sequence: number, type: string, timestamp: string, manager = false): AuditEvent {
  return {
    sequence,
    type,
    timestamp,
    payload: { orderId: ORDER },
    metadata: manager
      ? { userId: MANAGER, username: 'manager', role: 'MANAGER' }
      : { userId: WAITER, username: 'waiter', role: 'STAFF' },
    hash: `${sequence}`.repeat(64).slice(0, 64),
    previousHash: null,
    service: 'order-command',
    globalIndex: 100 + sequence,
    eventId: `e${sequence}`,
    aggregateType: 'Order',
    aggregateId: ORDER,
  };
}

export const ORDER_EVENTS: AuditEvent[] = [
  orderEvent(0, 'OrderOpened', '2026-11-30T19:00:00Z'),
  orderEvent(1, 'OrderLineAdded', '2026-11-30T19:01:00Z'),
  orderEvent(2, 'OrderLinesSent', '2026-11-30T19:02:00Z'),
  orderEvent(3, 'OrderLineVoided', '2026-11-30T19:05:00Z', true),
];

export { WAITER, MANAGER };
