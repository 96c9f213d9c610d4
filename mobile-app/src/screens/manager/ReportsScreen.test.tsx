import { act, fireEvent, screen, waitFor, within } from '@testing-library/react-native';
import { Share } from 'react-native';

import { FakeServer, fakeServices } from '../../testing/fakes';
import { renderScreen } from '../../testing/render';
import { ADJUSTMENTS, BY_HOUR, BY_TABLE, BY_WAITER, ITEMS, KITCHEN, replay, salesReport, salesRow } from '../../testing/reports';
import { ReportsScreen } from './ReportsScreen';

function reportingServer() {
  return new FakeServer()
    .on('GET', '/api/v1/settings', { status: 200, body: { currency: 'EUR', taxRatePercent: 10, serviceChargePercent: 0, timeZone: 'Europe/Paris' } })
    .on('GET', /\/api\/v1\/reports\/sales\?groupBy=hour/, { status: 200, body: BY_HOUR })
    .on('GET', /\/api\/v1\/reports\/sales\?groupBy=waiter/, { status: 200, body: BY_WAITER })
    .on('GET', /\/api\/v1\/reports\/sales\?groupBy=table/, { status: 200, body: BY_TABLE })
    .on('GET', /\/api\/v1\/reports\/items/, { status: 200, body: ITEMS })
    .on('GET', /\/api\/v1\/reports\/kitchen/, { status: 200, body: KITCHEN })
    .on('GET', /\/api\/v1\/reports\/adjustments/, { status: 200, body: ADJUSTMENTS })
    .on('GET', '/api/v1/reports/replay', { status: 200, body: replay('IDLE', 0, 0) });
}

describe('ReportsScreen', () => {
  it('draws sales by hour and the best sellers from the reports, with the tables and their totals', async () => {
    const { services } = fakeServices(reportingServer(), 'MANAGER');
    renderScreen(<ReportsScreen />, services);

    expect(await screen.findByTestId('sales-hour-bar-2026-11-30T19:00')).toHaveTextContent('€124.50');
    expect(screen.getByTestId('sales-hour-bar-2026-11-30T20:00')).toHaveTextContent('€308.00');
    expect(screen.getByTestId('report-period')).toHaveTextContent('2026-11-30 (Europe/Paris)');
    expect(screen.getByTestId('sales-hour-table-totals')).toHaveTextContent(/€432\.50/);
    expect(screen.getByTestId('best-seller-bar-ribeye')).toHaveTextContent('9');
    expect(screen.getByTestId('best-seller-bar-fries')).toHaveTextContent('6');
    expect(within(screen.getByTestId('sales-waiter-table-row-waiter')).getByText('€432.50')).toBeTruthy();
    expect(screen.getByTestId('sales-table-table-row-7')).toHaveTextContent(/€232\.50/);
    expect(screen.getByTestId('kitchen-table-row-grill')).toHaveTextContent(/6:51.*12:00.*15:05/);
    expect(screen.getByTestId('adjustments-table')).toHaveTextContent(/sent twice, by mistake/);
  });

  it('asks the server for the chosen days and refuses a date it cannot read', async () => {
    const server = reportingServer();
    const { services } = fakeServices(server, 'MANAGER');
    renderScreen(<ReportsScreen />, services);
    await screen.findByTestId('sales-hour-bar-2026-11-30T19:00');

    fireEvent.changeText(screen.getByTestId('report-from'), '30/11/2026');
    expect(screen.getByTestId('report-show')).toBeDisabled();
    fireEvent.changeText(screen.getByTestId('report-from'), '2026-11-28');
    fireEvent.changeText(screen.getByTestId('report-to'), '2026-11-30');
    fireEvent.press(screen.getByTestId('report-show'));

    await waitFor(() =>
      expect(server.sent('GET', '/api/v1/reports/sales?groupBy=hour&from=2026-11-28&to=2026-11-30')).toHaveLength(1),
    );
    expect(server.sent('GET', '/api/v1/reports/items?from=2026-11-28&to=2026-11-30')).toHaveLength(1);
  });

  it('hands each report over as CSV with the same figures', async () => {
    const share = jest.spyOn(Share, 'share').mockResolvedValue({ action: 'sharedAction' });
    const { services } = fakeServices(reportingServer(), 'MANAGER');
    renderScreen(<ReportsScreen />, services);
    await screen.findByTestId('sales-hour-bar-2026-11-30T19:00');

    await act(async () => fireEvent.press(screen.getByTestId('csv-sales-by-hour')));
    const csv = share.mock.calls[0][0].message!.split('\r\n');
    expect(csv[0]).toBe('hour,orders,covers,gross,discount,tax,net,tips,average check');
    expect(csv[1]).toBe('2026-11-30T19:00,2,4,124.50,0.00,11.32,113.18,1.50,62.25');
    expect(csv[3]).toMatch(/^total,7,14,432\.50,/);

    await act(async () => fireEvent.press(screen.getByTestId('csv-adjustments')));
    expect(share.mock.calls[1][0].message).toContain('VOID');
    expect(share.mock.calls[1][0].message).toContain('"sent twice, by mistake"');
    share.mockRestore();
  });

  it('shows a replay moving from nothing to done while the sales stay on screen, then reads the reports again', async () => {
    const server = reportingServer().on('POST', '/api/v1/reports/replay', { status: 202, body: { replayId: 'r1' } });
    const { services, live } = fakeServices(server, 'MANAGER');
    renderScreen(<ReportsScreen />, services);
    await screen.findByTestId('sales-hour-bar-2026-11-30T19:00');

    await act(async () => fireEvent.press(screen.getByTestId('replay-start')));
    expect(server.sent('POST', '/api/v1/reports/replay')).toHaveLength(1);
    expect(screen.getByTestId('replay-progress').props['aria-valuenow']).toBe(0);
    expect(screen.getByTestId('replay-start')).toBeDisabled();

    act(() => live.push('/topic/reports.replay', 'replay:progress', 1, replay('RUNNING', 5_000, 20_000, 2_500)));
    expect(screen.getByTestId('replay-progress').props['aria-valuenow']).toBe(25);
    expect(screen.getByTestId('replay-status')).toHaveTextContent('25% · 5,000 of 20,000 events · 2,500 events/s · 6 s left');
    expect(screen.getByTestId('sales-hour-bar-2026-11-30T19:00')).toBeTruthy();

    server.on('GET', /\/api\/v1\/reports\/sales\?groupBy=hour/, {
      status: 200,
      body: salesReport([salesRow('2026-11-30T19:00', 99_900)]),
    });
    act(() => live.push('/topic/reports.replay', 'replay:progress', 2, replay('DONE', 20_000, 20_000, 3_000)));
    expect(screen.getByTestId('replay-progress').props['aria-valuenow']).toBe(100);
    expect(screen.getByTestId('replay-status')).toHaveTextContent('Done: 20,000 events, 3,000 events/s');
    await waitFor(() => expect(screen.getByTestId('sales-hour-bar-2026-11-30T19:00')).toHaveTextContent('€999.00'));
  });
});
