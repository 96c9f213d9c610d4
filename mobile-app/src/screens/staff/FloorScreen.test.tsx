import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';

import { floorRow, ORDER } from '../../testing/demo';
import { FakeServer, fakeServices } from '../../testing/fakes';
import { renderScreen } from '../../testing/render';
import { FloorScreen } from './FloorScreen';

describe('FloorScreen', () => {
  it('shows every table in the colour of its state, live, and opens a table', async () => {
    const server = new FakeServer().on('GET', '/api/v1/floor', {
      status: 200,
      body: [floorRow(2), floorRow(1, { id: ORDER, status: 'IN_KITCHEN', lineCount: 2 })],
    });
    const { services, live } = fakeServices(server, 'STAFF');
    renderScreen(<FloorScreen />, services);

    expect(await screen.findByTestId('floor-table-1-state')).toHaveTextContent('In kitchen');
    expect(screen.getByTestId('floor-table-2-state')).toHaveTextContent('Free');

    act(() => live.push('/topic/floor', 'table:update', 5, floorRow(1, { id: ORDER, status: 'READY' })));
    expect(screen.getByTestId('floor-table-1-state')).toHaveTextContent('Ready');

    act(() => live.push('/topic/floor', 'table:update', 4, floorRow(1, { id: ORDER, status: 'OPEN' })));
    expect(screen.getByTestId('floor-table-1-state')).toHaveTextContent('Ready');

    act(() => live.push('/topic/floor', 'table:update', 6, floorRow(1)));
    expect(screen.getByTestId('floor-table-1-state')).toHaveTextContent('Free');

    fireEvent.press(screen.getByTestId('floor-table-2'));
    expect(screen.getByTestId('route')).toHaveTextContent('/tables/b0000000-0000-4000-8000-000000000002');
  });

  it('reads the floor again after the live connection comes back', async () => {
    const server = new FakeServer().on('GET', '/api/v1/floor', { status: 200, body: [floorRow(1)] });
    const { services, live } = fakeServices(server, 'STAFF');
    renderScreen(<FloorScreen />, services);
    await screen.findByTestId('floor-table-1');

    server.on('GET', '/api/v1/floor', { status: 200, body: [floorRow(1, { status: 'OPEN' })] });
    act(() => live.setStatus('disconnected'));
    await act(async () => live.setStatus('connected'));

    await waitFor(() => expect(screen.getByTestId('floor-table-1-state')).toHaveTextContent('Ordering'));
    expect(server.sent('GET', '/api/v1/floor')).toHaveLength(2);
  });
});
