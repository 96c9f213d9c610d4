import type { FloorRow, Menu, OrderView, TicketView } from '../api/types';

export const TABLE_5 = 'b0000000-0000-4000-8000-000000000005';
export const ORDER = 'e0000000-0000-4000-8000-000000000001';

export const MENU: Menu = {
  categories: [
    {
      id: 'c2',
      name: 'Mains',
      position: 2,
      items: [
        {
          id: 'ribeye',
          categoryId: 'c2',
          name: 'Ribeye steak 300g',
          priceCents: 3200,
          station: 'grill',
          allergens: ['milk'],
          modifiers: [{ id: 'bearnaise', name: 'Béarnaise', priceCents: 0 }],
          available: true,
        },
        {
          id: 'bass',
          categoryId: 'c2',
          name: 'Grilled sea bass',
          priceCents: 2400,
          station: 'grill',
          allergens: ['fish'],
          modifiers: [],
          available: false,
        },
      ],
    },
    {
      id: 'c3',
      name: 'Sides',
      position: 3,
      items: [
        {
          id: 'fries',
          categoryId: 'c3',
          name: 'Fries',
          priceCents: 450,
          station: 'fryer',
          allergens: [],
          modifiers: [],
          available: true,
        },
      ],
    },
  ],
};

export function floorRow(number: number, order?: Partial<NonNullable<FloorRow['order']>>): FloorRow {
  const id = `b0000000-0000-4000-8000-${String(number).padStart(12, '0')}`;
  return {
    table: { id, number, seats: 4, zone: 'main', status: order ? 'OCCUPIED' : 'FREE', orderId: order?.id },
    order: order
      ? {
          id: ORDER,
          status: 'OPEN',
          guests: 2,
          openedAt: '2026-11-30T01:00:00Z',
          lineCount: 0,
          readyCount: 0,
          totalCents: 0,
          ...order,
        }
      : undefined,
  };
}

export function orderView(overrides: Partial<OrderView> = {}): OrderView {
  return {
    orderId: ORDER,
    tableId: TABLE_5,
    tableNumber: 5,
    guests: 2,
    status: 'OPEN',
    lines: [],
    subtotalCents: 0,
    billId: null,
    openedAt: '2026-11-30T01:00:00Z',
    version: 1,
    ...overrides,
  };
}

export function ticket(number: number, overrides: Partial<TicketView> = {}): TicketView {
  return {
    ticketId: `t${number}`,
    orderId: ORDER,
    tableNumber: number,
    station: 'grill',
    items: [
      {
        lineId: `l${number}`,
        name: 'Ribeye steak 300g',
        quantity: 1,
        modifiers: ['Béarnaise'],
        seat: 1,
        course: null,
        notes: 'rare',
        allergens: ['milk'],
        status: 'QUEUED',
      },
    ],
    status: 'OPEN',
    createdAt: new Date(Date.now() - number * 60_000).toISOString(),
    doneAt: null,
    version: 1,
    ...overrides,
  };
}
