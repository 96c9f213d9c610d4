import { act, fireEvent, screen, waitFor, within } from '@testing-library/react-native';

import { MENU, ticket } from '../../testing/demo';
import { FakeServer, fakeServices } from '../../testing/fakes';
import { renderScreen } from '../../testing/render';
import { allDay, KitchenScreen } from './KitchenScreen';
import { ageColour } from './TicketCard';
import { colours } from '../../ui/theme';

function kitchen(board = [ticket(3), ticket(9)]) {
  return new FakeServer()
    .on('GET', '/api/v1/menu', { status: 200, body: MENU })
    .on('GET', /\/api\/v1\/kitchen\/board/, { status: 200, body: board })
    .on('POST', /.*/, { status: 204 });
}

describe('KitchenScreen', () => {
  it('shows open tickets oldest first, with items, modifiers, notes and allergens', async () => {
    renderScreen(<KitchenScreen />, fakeServices(kitchen(), 'KITCHEN').services);

    await screen.findByTestId('ticket-t9');
    const tables = screen.getAllByTestId(/^ticket-table-/).map((t) => t.props.children.join(''));
    expect(tables).toEqual(['T9', 'T3']);
    const card = within(screen.getByTestId('ticket-t9'));
    expect(card.getByText('1 × Ribeye steak 300g')).toBeTruthy();
    expect(card.getByText('Béarnaise')).toBeTruthy();
    expect(card.getByText('“rare”')).toBeTruthy();
    expect(card.getByText('⚠ MILK')).toBeTruthy();
    expect(screen.getByTestId('all-day-Ribeye steak 300g')).toHaveTextContent(/2 × Ribeye steak 300g/);
  });

  it('starts and finishes an item, bumps the ticket and recalls it', async () => {
    const server = kitchen();
    const { services, live } = fakeServices(server, 'KITCHEN');
    renderScreen(<KitchenScreen />, services);

    fireEvent.press(await screen.findByTestId('kitchen-item-l3'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/kitchen/tickets/t3/items/l3/start')).toHaveLength(1));

    const cooking = ticket(3, { version: 2 });
    cooking.items[0].status = 'COOKING';
    act(() => live.push('/topic/kitchen', 'ticket:update', 2, cooking));
    expect(screen.getByTestId('kitchen-item-status-l3')).toHaveTextContent('Cooking');
    fireEvent.press(screen.getByTestId('kitchen-item-l3'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/kitchen/tickets/t3/items/l3/ready')).toHaveLength(1));

    const ready = ticket(3, { version: 3 });
    ready.items[0].status = 'READY';
    act(() => live.push('/topic/kitchen', 'ticket:update', 3, ready));
    fireEvent.press(screen.getByTestId('bump-t3'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/kitchen/tickets/t3/bump')).toHaveLength(1));

    act(() => live.push('/topic/kitchen', 'ticket:done', 4, { ...ready, status: 'DONE', version: 4 }));
    expect(screen.queryByTestId('ticket-t3')).toBeNull();
    fireEvent.press(screen.getByTestId('recall'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/kitchen/tickets/t3/recall')).toHaveLength(1));
  });

  it('strikes through a voided item, live', async () => {
    const { services, live } = fakeServices(kitchen(), 'KITCHEN');
    renderScreen(<KitchenScreen />, services);
    await screen.findByTestId('ticket-t3');

    const voided = ticket(3, { version: 2 });
    voided.items[0].status = 'VOIDED';
    act(() => live.push('/topic/kitchen', 'ticket:update', 2, voided));

    const name = within(screen.getByTestId('ticket-t3')).getByText('1 × Ribeye steak 300g');
    expect(name).toHaveStyle({ textDecorationLine: 'line-through' });
  });

  it("86's a dish from the board and follows one station", async () => {
    const server = kitchen();
    const { services, live } = fakeServices(server, 'KITCHEN');
    renderScreen(<KitchenScreen />, services);

    fireEvent.press(await screen.findByTestId('eighty-six-Ribeye steak 300g'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/menu/items/ribeye/availability')).toHaveLength(1));
    expect(server.sent('POST', '/api/v1/menu/items/ribeye/availability')[0].body).toMatchObject({ available: false });

    fireEvent.press(screen.getByTestId('station-grill'));
    await waitFor(() => expect(live.subscribed('/topic/kitchen.grill')).toBe(true));
    expect(live.subscribed('/topic/kitchen')).toBe(false);
    expect(server.sent('GET', '/api/v1/kitchen/board?station=grill')).toHaveLength(1);
  });

  it('turns a ticket amber and then red at the thresholds', () => {
    const thresholds = { lateMinutes: 5, overdueMinutes: 8 };
    expect(ageColour(4, thresholds)).toBe(colours.kitchen.fresh);
    expect(ageColour(5, thresholds)).toBe(colours.kitchen.late);
    expect(ageColour(8, thresholds)).toBe(colours.kitchen.overdue);
  });

  it('counts what waits per dish, all day', () => {
    const cooking = ticket(1);
    cooking.items[0] = { ...cooking.items[0], status: 'COOKING', quantity: 2 };
    const done = ticket(2);
    done.items[0] = { ...done.items[0], status: 'READY' };
    expect(allDay([cooking, done, ticket(3)])).toEqual([{ name: 'Ribeye steak 300g', quantity: 3 }]);
  });
});
