import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';
import { Share } from 'react-native';

import type { Checkpoint, OrderView } from '../../api/types';
import { ORDER, orderView } from '../../testing/demo';
import { FakeServer, fakeServices } from '../../testing/fakes';
import { renderScreen } from '../../testing/render';
import { ORDER_EVENTS } from '../../testing/reports';
import { AuditStreamScreen } from './AuditStreamScreen';

const CHECKPOINTS: Checkpoint[] = [
  { service: 'order-command', upToGlobalIndex: 101, events: 2, merkleRoot: 'a', signedAt: '2026-11-30T19:01:30Z', keyId: 'k', signature: 's' },
  { service: 'order-command', upToGlobalIndex: 150, events: 40, merkleRoot: 'b', signedAt: '2026-11-30T19:10:00Z', keyId: 'k', signature: 's' },
];

const RIBEYE = {
  lineId: 'l1',
  menuItemId: 'ribeye',
  name: 'Ribeye steak 300g',
  quantity: 1,
  modifiers: [],
  unitPriceCents: 3200,
  totalCents: 3200,
  state: 'SENT' as const,
};

function stateAt(voided: boolean): OrderView {
  return orderView({ status: 'IN_KITCHEN', lines: [{ ...RIBEYE, state: voided ? 'VOIDED' : 'SENT' }], subtotalCents: voided ? 0 : 3200 });
}

function streamServer(verify: unknown) {
  return new FakeServer()
    .on('GET', '/api/v1/settings', { status: 200, body: { currency: 'EUR', taxRatePercent: 10, serviceChargePercent: 0, timeZone: 'Europe/Paris' } })
    .on('GET', `/api/v1/audit/orders/${ORDER}/events`, { status: 200, body: ORDER_EVENTS })
    .on('GET', `/api/v1/audit/orders/${ORDER}/verify`, { status: 200, body: verify })
    .on('GET', '/api/v1/audit/orders/checkpoints', { status: 200, body: CHECKPOINTS })
    .on('GET', /\/state\?at=/, (request) => ({
      status: 200,
      body: stateAt(decodeURIComponent(request.path.split('at=')[1]) >= '2026-11-30T19:05:00Z'),
    }));
}

describe('AuditStreamScreen', () => {
  it('states an intact chain plainly, with the checkpoint that covers it, over the timeline', async () => {
    renderScreen(
      <AuditStreamScreen service="orders" aggregateId={ORDER} />,
      fakeServices(streamServer({ valid: true, events: 4, firstBrokenSequence: null, reason: null }), 'AUDITOR').services,
    );

    expect(await screen.findByTestId('stream-verdict', {}, { timeout: 5000 })).toHaveTextContent(/^✓ Chain intact, 4 events, covered by checkpoint of 20:10/);
    expect(screen.getByTestId('stream-event-3')).toHaveTextContent(/#3.*OrderLineVoided.*manager · MANAGER/);
    expect(screen.queryByTestId('stream-broken-event')).toBeNull();
  });

  it('moves back before the void and shows the voided line as it stood, still there', async () => {
    const server = streamServer({ valid: true, events: 4, firstBrokenSequence: null, reason: null });
    renderScreen(<AuditStreamScreen service="orders" aggregateId={ORDER} />, fakeServices(server, 'AUDITOR').services);

    await waitFor(() => expect(screen.getByTestId(`line-state-l1`)).toHaveTextContent('Voided'), { timeout: 5000 });
    expect(screen.getByTestId('instant-chosen')).toHaveTextContent('20:05:00, after #3 OrderLineVoided');

    fireEvent.press(screen.getByTestId('instant-earlier'));
    await waitFor(() => expect(screen.getByTestId('line-state-l1')).toHaveTextContent('Sent'));
    expect(screen.getByTestId('instant-chosen')).toHaveTextContent('20:02:00, after #2 OrderLinesSent');
    expect(server.sent('GET', `/api/v1/audit/orders/${ORDER}/state?at=2026-11-30T19%3A02%3A00Z`)).toHaveLength(1);

    fireEvent.press(screen.getByTestId('instant-3'));
    await waitFor(() => expect(screen.getByTestId('line-state-l1')).toHaveTextContent('Voided'));
  });

  it('says where a broken chain breaks and marks that event', async () => {
    renderScreen(
      <AuditStreamScreen service="orders" aggregateId={ORDER} />,
      fakeServices(streamServer({ valid: false, events: 4, firstBrokenSequence: 3, reason: 'hash mismatch' }), 'AUDITOR').services,
    );

    expect(await screen.findByTestId('stream-verdict', {}, { timeout: 5000 })).toHaveTextContent(/^✗ Broken at event #3: hash mismatch/);
    expect(screen.getByTestId('stream-event-3')).toHaveTextContent(/no longer matches its hash/);
  });

  it("exports the stream and the service's public keys", async () => {
    const share = jest.spyOn(Share, 'share').mockResolvedValue({ action: 'sharedAction' });
    const server = streamServer({ valid: true, events: 4, firstBrokenSequence: null, reason: null })
      .on('GET', `/api/v1/audit/orders/export?aggregateId=${ORDER}`, { status: 200, text: '{"record":"export"}\n{"record":"event"}\n' })
      .on('GET', '/api/v1/audit/orders/keys', { status: 200, body: { keys: [] } });
    renderScreen(<AuditStreamScreen service="orders" aggregateId={ORDER} />, fakeServices(server, 'AUDITOR').services);
    await screen.findByTestId('stream-verdict', {}, { timeout: 5000 });

    await act(async () => fireEvent.press(screen.getByTestId('stream-export-file')));
    await act(async () => fireEvent.press(screen.getByTestId('stream-keys')));
    expect(share.mock.calls.map((c) => c[0].title)).toEqual([`orders-${ORDER}.jsonl`, 'keys.json']);
    expect(share.mock.calls[0][0].message).toContain('"record":"event"');
    share.mockRestore();
  });
});
