import { act, fireEvent, screen, waitFor, within } from '@testing-library/react-native';

import { floorRow, MENU, ORDER, orderView, TABLE_5 } from '../../testing/demo';
import { FakeServer, fakeServices } from '../../testing/fakes';
import { renderScreen } from '../../testing/render';
import { TableScreen } from './TableScreen';

function serverWith(order?: Parameters<typeof floorRow>[1]) {
  return new FakeServer()
    .on('GET', '/api/v1/floor', { status: 200, body: [floorRow(5, order), floorRow(6)] })
    .on('GET', '/api/v1/menu', { status: 200, body: MENU })
    .on('GET', `/api/v1/orders/${ORDER}`, { status: 200, body: orderView() })
    .on('POST', /.*/, { status: 201, body: {} });
}

describe('TableScreen', () => {
  it('opens a free table for the guests with an id of its own', async () => {
    const server = serverWith();
    renderScreen(<TableScreen tableId={TABLE_5} />, fakeServices(server, 'STAFF').services);

    fireEvent.press(await screen.findByTestId('guests-more'));
    fireEvent.press(screen.getByTestId('open-table-submit'));

    await waitFor(() => expect(server.sent('POST', '/api/v1/orders')).toHaveLength(1));
    const body = server.sent('POST', '/api/v1/orders')[0].body as { orderId: string; tableId: string; guests: number };
    expect(body.tableId).toBe(TABLE_5);
    expect(body.guests).toBe(3);
    expect(body.orderId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('adds a dish with a modifier, seat, course and note, shows it pending until the server has it, then sends', async () => {
    const server = serverWith({ id: ORDER, status: 'OPEN' }).on('POST', /\/lines$/, 'network-down');
    const { services, live } = fakeServices(server, 'STAFF');
    renderScreen(<TableScreen tableId={TABLE_5} />, services);

    fireEvent.press(await screen.findByTestId('menu-item-Ribeye steak 300g'));
    fireEvent.press(screen.getByTestId('modifier-Béarnaise'));
    fireEvent.press(screen.getByTestId('seat-2'));
    fireEvent.press(screen.getByTestId('course-1'));
    fireEvent.changeText(screen.getByTestId('item-notes'), 'medium rare');
    fireEvent.press(screen.getByTestId('item-add'));

    expect(await screen.findByText('Pending')).toBeTruthy();
    expect(screen.getByText('Béarnaise · seat 2 · course 1 · “medium rare”')).toBeTruthy();

    server.on('POST', /\/lines$/, { status: 201, body: {} });
    await act(async () => services.outbox.retryNow());
    await waitFor(() => expect(server.sent('POST', `/api/v1/orders/${ORDER}/lines`)).toHaveLength(1));
    const line = server.sent('POST', `/api/v1/orders/${ORDER}/lines`)[0].body as Record<string, unknown>;
    expect(line).toMatchObject({ menuItemId: 'ribeye', quantity: 1, modifierIds: ['bearnaise'], seat: 2, course: 1, notes: 'medium rare' });

    const lineId = line.lineId as string;
    const sentLine = {
      lineId,
      menuItemId: 'ribeye',
      name: 'Ribeye steak 300g',
      quantity: 1,
      modifiers: ['Béarnaise'],
      unitPriceCents: 3200,
      totalCents: 3200,
      seat: 2,
      course: 1,
      notes: 'medium rare',
      state: 'NEW' as const,
    };
    act(() => live.push(`/topic/orders.${ORDER}`, 'order:update', 2, orderView({ lines: [sentLine], version: 2 })));
    expect(screen.getByTestId(`line-state-${lineId}`)).toHaveTextContent('New');
    expect(within(screen.getByTestId(`order-line-${lineId}`)).getByText('Allergens: milk')).toBeTruthy();

    fireEvent.press(screen.getByTestId('send-all'));
    await waitFor(() => expect(server.sent('POST', `/api/v1/orders/${ORDER}/send`)).toHaveLength(1));

    act(() =>
      live.push(`/topic/orders.${ORDER}`, 'order:update', 3, orderView({ status: 'READY', lines: [{ ...sentLine, state: 'READY' }], version: 3 })),
    );
    expect(screen.getByTestId(`line-state-${lineId}`)).toHaveTextContent('Ready');
    fireEvent.press(screen.getByTestId('serve'));
    await waitFor(() => expect(server.sent('POST', `/api/v1/orders/${ORDER}/serve`)).toHaveLength(1));
  });

  it('shows the moved order on its new table before the floor has caught up', async () => {
    renderScreen(<TableScreen tableId={TABLE_5} knownOrderId={ORDER} />, fakeServices(serverWith(), 'STAFF').services);

    expect(await screen.findByTestId('table-status')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('table-status')).toHaveTextContent('OPEN'));
    expect(screen.queryByTestId('open-table')).toBeNull();
  });

  it("greys out an item the kitchen 86'd", async () => {
    renderScreen(<TableScreen tableId={TABLE_5} />, fakeServices(serverWith({ id: ORDER }), 'STAFF').services);

    const bass = await screen.findByTestId('menu-item-Grilled sea bass');
    expect(bass).toBeDisabled();
    fireEvent.changeText(screen.getByTestId('menu-search'), 'fri');
    expect(screen.getByTestId('menu-item-Fries')).toBeTruthy();
    expect(screen.queryByTestId('menu-item-Ribeye steak 300g')).toBeNull();
  });

  it('keeps the table and the menu where the waiter was when a floor read fails, and reads it again', async () => {
    const server = serverWith({ id: ORDER, status: 'OPEN' });
    const { services, live } = fakeServices(server, 'STAFF');
    renderScreen(<TableScreen tableId={TABLE_5} />, services);
    fireEvent.press(await screen.findByTestId('menu-category-Sides'));

    let unanswered = 0;
    server.on('GET', '/api/v1/floor', () => {
      unanswered++;
      return 'network-down';
    });
    act(() => live.setStatus('disconnected'));
    act(() => live.setStatus('connected'));

    expect(await screen.findByTestId('table-load-error')).toBeTruthy();
    expect(screen.getByTestId('menu-item-Fries')).toBeTruthy();
    await waitFor(() => expect(unanswered).toBeGreaterThanOrEqual(3), { timeout: 8_000 });
    expect(screen.getByTestId('table-load-error')).toBeTruthy();
    server.on('GET', '/api/v1/floor', { status: 200, body: [floorRow(5, { id: ORDER, status: 'OPEN' }), floorRow(6)] });
    await waitFor(() => expect(screen.queryByTestId('table-load-error')).toBeNull(), { timeout: 5_000 });
    expect(screen.getByTestId('menu-item-Fries')).toBeTruthy();
  });

  it('moves the order to a free table', async () => {
    const server = serverWith({ id: ORDER });
    renderScreen(<TableScreen tableId={TABLE_5} />, fakeServices(server, 'STAFF').services);

    fireEvent.press(await screen.findByTestId('transfer'));
    fireEvent.press(screen.getByLabelText('Move to table 6'));

    await waitFor(() => expect(server.sent('POST', `/api/v1/orders/${ORDER}/transfer`)).toHaveLength(1));
    expect(server.sent('POST', `/api/v1/orders/${ORDER}/transfer`)[0].body).toEqual({
      tableId: 'b0000000-0000-4000-8000-000000000006',
    });
    expect(screen.getByTestId('route')).toHaveTextContent('/tables/b0000000-0000-4000-8000-000000000006');
  });
  it('lets a manager void a sent line with a reason, and never offers a waiter the void', async () => {
    const sent = orderView({
      status: 'IN_KITCHEN',
      lines: [
        { lineId: 'l1', menuItemId: 'ribeye', name: 'Ribeye steak 300g', quantity: 1, modifiers: [], unitPriceCents: 3200, totalCents: 3200, state: 'SENT' },
        { lineId: 'l2', menuItemId: 'fries', name: 'Fries', quantity: 1, modifiers: [], unitPriceCents: 450, totalCents: 450, state: 'NEW' },
      ],
    });
    const server = serverWith({ id: ORDER, status: 'IN_KITCHEN' }).on('GET', `/api/v1/orders/${ORDER}`, { status: 200, body: sent });
    const waiter = renderScreen(<TableScreen tableId={TABLE_5} />, fakeServices(server, 'STAFF').services);
    await screen.findByTestId('line-state-l1');
    expect(screen.queryByTestId('void-line-l1')).toBeNull();
    waiter.unmount();

    renderScreen(<TableScreen tableId={TABLE_5} />, fakeServices(server, 'MANAGER').services);
    fireEvent.press(await screen.findByTestId('void-line-l1'));
    expect(screen.queryByTestId('void-line-l2')).toBeNull();
    fireEvent.changeText(screen.getByTestId('void-line-l1-reason'), 'guest changed their mind');
    fireEvent.press(screen.getByTestId('void-line-l1-confirm'));
    await waitFor(() =>
      expect(server.sent('POST', `/api/v1/orders/${ORDER}/lines/l1/void`)[0]?.body).toEqual({ reason: 'guest changed their mind' }),
    );
  });
});
