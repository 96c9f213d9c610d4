import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';
import { Share } from 'react-native';

import { ORDER } from '../../testing/demo';
import { FakeServer, fakeServices } from '../../testing/fakes';
import { renderScreen } from '../../testing/render';
import { MANAGER, ORDER_EVENTS, WAITER } from '../../testing/reports';
import { AuditFeedScreen, feedQuery } from './AuditFeedScreen';

const NEWEST_FIRST = [...ORDER_EVENTS].reverse();

function feedServer() {
  return new FakeServer()
    .on('GET', '/api/v1/settings', { status: 200, body: { currency: 'EUR', taxRatePercent: 10, serviceChargePercent: 0, timeZone: 'Europe/Paris' } })
    .on('GET', /^\/api\/v1\/audit\/events\?page=0/, { status: 200, body: { items: NEWEST_FIRST, page: 0, size: 25, total: 60 } })
    .on('GET', /^\/api\/v1\/audit\/events\?page=1/, { status: 200, body: { items: NEWEST_FIRST.slice(0, 1), page: 1, size: 25, total: 60 } })
    .on('GET', /^\/api\/v1\/audit\/events\?userId=/, {
      status: 200,
      body: { items: NEWEST_FIRST.filter((e) => e.metadata.userId === WAITER), page: 0, size: 25, total: 3 },
    });
}

describe('AuditFeedScreen', () => {
  it('lists every event newest first with who, when and its hash, page by page', async () => {
    const server = feedServer();
    renderScreen(<AuditFeedScreen />, fakeServices(server, 'AUDITOR').services);

    expect(await screen.findByTestId('feed-type-0', {}, { timeout: 5000 })).toHaveTextContent('OrderLineVoided');
    expect(screen.getByTestId('feed-who-0')).toHaveTextContent('manager · MANAGER');
    expect(screen.getByTestId('feed-event-0')).toHaveTextContent(/2026-11-30 20:05:00/);
    expect(screen.getByTestId('feed-event-0')).toHaveTextContent(/333333333333…/);
    expect(screen.getByTestId('feed-page')).toHaveTextContent('Page 1 of 3 · 60 events');

    fireEvent.press(screen.getByTestId('feed-older'));
    await waitFor(() => expect(screen.getByTestId('feed-page')).toHaveTextContent('Page 2 of 3 · 60 events'));
    expect(server.sent('GET', '/api/v1/audit/events?page=1&size=25')).toHaveLength(1);
  });

  it("filters by the waiter whose name is pressed, and opens an order's stream", async () => {
    const server = feedServer();
    renderScreen(<AuditFeedScreen />, fakeServices(server, 'AUDITOR').services);
    await screen.findByTestId('feed-who-1');

    fireEvent.press(screen.getByTestId('feed-who-1'));
    await waitFor(() => expect(screen.getByTestId('feed-user-filter')).toHaveTextContent('Only waiter'));
    expect(server.sent('GET', `/api/v1/audit/events?userId=${WAITER}&page=0&size=25`)).toHaveLength(1);
    expect(screen.queryByText('manager · MANAGER')).toBeNull();

    fireEvent.press(screen.getByTestId('feed-open-0'));
    expect(screen.getByTestId('route')).toHaveTextContent(`/auditor/orders/${ORDER}`);
  });

  it('sends the typed filters, a day standing for the whole day', () => {
    expect(feedQuery({ from: '2026-11-30', to: '2026-11-30', userId: MANAGER, type: 'OrderLineVoided', aggregateId: '' }, 2)).toBe(
      `from=2026-11-30T00%3A00%3A00.000Z&to=2026-12-01T00%3A00%3A00.000Z&userId=${MANAGER}&type=OrderLineVoided&page=2&size=25`,
    );
  });

  it('shows a refused filter as the server explains it', async () => {
    const server = feedServer().on('GET', /^\/api\/v1\/audit\/events\?from=yesterday/, {
      status: 400,
      body: { title: 'Bad Request', detail: 'from is not an instant' },
    });
    renderScreen(<AuditFeedScreen />, fakeServices(server, 'AUDITOR').services);
    await screen.findByTestId('feed-type-0');

    fireEvent.changeText(screen.getByTestId('feed-from'), 'yesterday');
    fireEvent.press(screen.getByTestId('feed-apply'));
    expect(await screen.findByTestId('feed-error')).toHaveTextContent('from is not an instant');
  });

  it('exports the time range as JSON Lines, with the offline verifier beside it', async () => {
    const share = jest.spyOn(Share, 'share').mockResolvedValue({ action: 'sharedAction' });
    const server = feedServer().on('GET', /^\/api\/v1\/audit\/export/, { status: 200, text: '{"record":"export"}\n', type: 'application/x-ndjson' });
    renderScreen(<AuditFeedScreen />, fakeServices(server, 'AUDITOR').services);
    await screen.findByTestId('feed-type-0');

    fireEvent.changeText(screen.getByTestId('feed-from'), '2026-11-30');
    fireEvent.press(screen.getByTestId('feed-apply'));
    await act(async () => fireEvent.press(screen.getByTestId('feed-export-range')));

    expect(server.sent('GET', '/api/v1/audit/export?from=2026-11-30T00%3A00%3A00.000Z')).toHaveLength(1);
    expect(share.mock.calls[0][0].message).toBe('{"record":"export"}\n');
    expect(screen.getByTestId('verifier-instructions')).toHaveTextContent(/brigade-audit-verify\.jar brigade-audit-export\.jsonl --keys/);
    share.mockRestore();
  });
});
