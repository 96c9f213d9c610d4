import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';
import { Text } from 'react-native';

import { FakeServer, fakeServices, user } from '../testing/fakes';
import { renderScreen } from '../testing/render';
import { Shell } from './Shell';

describe('Shell', () => {
  it('shows a banner while the live updates are disconnected', () => {
    const { services, live } = fakeServices(new FakeServer(), 'STAFF');
    renderScreen(
      <Shell user={user('STAFF')} onSignOut={jest.fn()}>
        <Text>screen</Text>
      </Shell>,
      services,
    );
    expect(screen.queryByTestId('live-banner')).toBeNull();

    act(() => live.setStatus('disconnected'));
    expect(screen.getByTestId('live-banner')).toHaveTextContent(/Reconnecting/);
    expect(screen.getByTestId('live-status')).toHaveTextContent(/Offline/);

    act(() => live.setStatus('connected'));
    expect(screen.queryByTestId('live-banner')).toBeNull();
  });

  it('shows what waits for the network, and a refused command with its problem until dismissed', async () => {
    const server = new FakeServer()
      .on('POST', '/api/v1/orders/o/lines', 'network-down')
      .on('POST', '/api/v1/orders/o/send', { status: 409, body: { title: 'Conflict', detail: 'The order is closed' } });
    const { services, outbox } = fakeServices(server, 'STAFF');
    renderScreen(
      <Shell user={user('STAFF')} onSignOut={jest.fn()}>
        <Text>screen</Text>
      </Shell>,
      services,
    );

    await act(() => outbox.enqueue({ method: 'POST', path: '/api/v1/orders/o/lines', body: {}, label: 'Add 1 × Fries' }));
    expect(await screen.findByTestId('outbox-banner')).toHaveTextContent('No network: 1 change waiting to be sent');

    server.on('POST', '/api/v1/orders/o/lines', { status: 201, body: {} });
    await act(() => outbox.enqueue({ method: 'POST', path: '/api/v1/orders/o/send', body: {}, label: 'Send to the kitchen' }));
    await act(async () => outbox.retryNow());

    expect(await screen.findByTestId('refusal')).toHaveTextContent(/Send to the kitchen was refused: The order is closed/);
    await waitFor(() => expect(screen.queryByTestId('outbox-banner')).toBeNull());
    fireEvent.press(screen.getByText('Dismiss'));
    expect(screen.queryByTestId('refusal')).toBeNull();
  });
});
