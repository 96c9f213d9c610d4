import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';

import { floorRow, ORDER, ticket } from '../../testing/demo';
import { FakeServer, fakeServices } from '../../testing/fakes';
import { renderScreen } from '../../testing/render';
import { BY_HOUR } from '../../testing/reports';
import { ManagerHome, slowestStation } from './ManagerHome';

function todayServer() {
  return new FakeServer()
    .on('GET', '/api/v1/settings', { status: 200, body: { currency: 'EUR', taxRatePercent: 10, serviceChargePercent: 0 } })
    .on('GET', '/api/v1/reports/sales?groupBy=day', { status: 200, body: BY_HOUR })
    .on('GET', '/api/v1/floor', { status: 200, body: [floorRow(1, { id: ORDER }), floorRow(2), floorRow(3)] })
    .on('GET', '/api/v1/kitchen/board', {
      status: 200,
      body: [ticket(3), ticket(12, { station: 'fryer' }), ticket(1, { station: 'cold' })],
    });
}

describe('ManagerHome', () => {
  it("shows today at a glance: sales, covers, average check, open tables, tickets waiting and the slowest station", async () => {
    const { services } = fakeServices(todayServer(), 'MANAGER');
    renderScreen(<ManagerHome />, services);

    expect(await screen.findByText('€432.50')).toBeTruthy();
    expect(screen.getByTestId('glance-covers')).toHaveTextContent('14');
    expect(screen.getByTestId('glance-average')).toHaveTextContent('€61.79');
    expect(screen.getByTestId('glance-tables')).toHaveTextContent('1 of 3');
    expect(screen.getByTestId('glance-tickets')).toHaveTextContent('3');
    expect(screen.getByTestId('glance-slowest')).toHaveTextContent('fryer · 12 min');
  });

  it('reads the figures again when the floor, the kitchen or a bill changes', async () => {
    const server = todayServer();
    const { services, live } = fakeServices(server, 'MANAGER');
    renderScreen(<ManagerHome />, services);
    await screen.findByText('€432.50');

    server.on('GET', '/api/v1/kitchen/board', { status: 200, body: [] });
    act(() => live.push('/topic/kitchen', 'ticket:done', 9, ticket(12, { station: 'fryer', status: 'DONE' })));
    await waitFor(() => expect(screen.getByTestId('glance-tickets')).toHaveTextContent('0'), { timeout: 3000 });
    expect(screen.getByTestId('glance-slowest')).toHaveTextContent('none waiting');
  });

  it('leads to the floor, the kitchen and the back office; users only for an admin', async () => {
    renderScreen(<ManagerHome />, fakeServices(todayServer(), 'MANAGER').services);
    await screen.findByText('€432.50');

    expect(screen.queryByTestId('manager-users')).toBeNull();
    fireEvent.press(screen.getByTestId('manager-reports'));
    expect(screen.getByTestId('route')).toHaveTextContent('/manager/reports');
    fireEvent.press(screen.getByTestId('manager-menu'));
    expect(screen.getByTestId('route')).toHaveTextContent('/manager/menu');
    fireEvent.press(screen.getByTestId('manager-kitchen'));
    expect(screen.getByTestId('route')).toHaveTextContent('/kitchen');
  });

  it('names the station whose oldest open ticket has waited longest', () => {
    const now = Date.parse('2026-11-30T20:00:00Z');
    expect(
      slowestStation(
        [
          ticket(1, { station: 'grill', createdAt: '2026-11-30T19:50:00Z' }),
          ticket(2, { station: 'bar', createdAt: '2026-11-30T19:40:00Z', status: 'DONE' }),
          ticket(3, { station: 'cold', createdAt: '2026-11-30T19:45:00Z' }),
        ],
        now,
      ),
    ).toEqual({ station: 'cold', minutes: 15 });
    expect(slowestStation([], now)).toBeNull();
  });
});
