import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';

import type { BillView } from '../../api/types';
import { ORDER } from '../../testing/demo';
import { FakeServer, fakeServices } from '../../testing/fakes';
import { renderScreen } from '../../testing/render';
import { BillPanel } from './BillPanel';

const BILL = 'f1000000-0000-4000-8000-000000000001';

function bill(overrides: Partial<BillView> = {}): BillView {
  return {
    billId: BILL,
    orderId: ORDER,
    tableNumber: 5,
    lines: [
      { lineId: 'l1', name: 'Ribeye steak 300g', quantity: 1, totalCents: 3200 },
      { lineId: 'l2', name: 'Fries', quantity: 1, totalCents: 450 },
    ],
    subtotalCents: 3650,
    discountCents: 0,
    serviceChargeCents: 0,
    taxCents: 332,
    totalCents: 3650,
    paidCents: 0,
    tipsCents: 0,
    balanceCents: 3650,
    status: 'OPEN',
    checks: [],
    payments: [],
    version: 1,
    ...overrides,
  };
}

describe('BillPanel', () => {
  it('splits the bill in two and takes a card payment with a tip per check', async () => {
    const server = new FakeServer()
      .on('GET', `/api/v1/bills/${BILL}`, { status: 200, body: bill() })
      .on('POST', /split$/, { status: 200, body: { checks: [] } })
      .on('POST', /payments$/, { status: 201, body: { paymentId: 'p', balanceCents: 0 } });
    const { services, live } = fakeServices(server, 'STAFF');
    renderScreen(<BillPanel billId={BILL} orderId={ORDER} />, services);

    expect(await screen.findByTestId('bill-total')).toHaveTextContent('€36.50');
    fireEvent.press(screen.getByTestId('split-equal'));
    await waitFor(() => expect(server.sent('POST', `/api/v1/billing/bills/${BILL}/split`)).toHaveLength(1));
    expect(server.sent('POST', `/api/v1/billing/bills/${BILL}/split`)[0].body).toEqual({ mode: 'EQUAL', parts: 2 });

    const checks = [
      { checkId: 'c1', totalCents: 1825, paidCents: 0 },
      { checkId: 'c2', totalCents: 1825, paidCents: 0 },
    ];
    act(() => live.push('/topic/bills', 'bill:update', 2, bill({ checks, version: 2 })));
    fireEvent.changeText(screen.getByTestId('check-1-tip'), '2.00');
    fireEvent.press(screen.getByTestId('check-1-pay'));

    await waitFor(() => expect(server.sent('POST', `/api/v1/billing/bills/${BILL}/payments`)).toHaveLength(1));
    expect(server.sent('POST', `/api/v1/billing/bills/${BILL}/payments`)[0].body).toMatchObject({
      checkId: 'c1',
      method: 'CARD',
      amountCents: 1825,
      tipCents: 200,
    });
  });

  it('shows the change for cash', async () => {
    const server = new FakeServer().on('GET', `/api/v1/bills/${BILL}`, { status: 200, body: bill() });
    renderScreen(<BillPanel billId={BILL} orderId={ORDER} />, fakeServices(server, 'STAFF').services);

    fireEvent.press(await screen.findByTestId('check-whole-cash'));
    fireEvent.changeText(screen.getByTestId('check-whole-tip'), '3.50');
    fireEvent.changeText(screen.getByTestId('check-whole-given'), '50');

    expect(screen.getByTestId('check-whole-change')).toHaveTextContent('Change €10.00');
  });

  it('ignores a bill update older than the one shown', async () => {
    const server = new FakeServer().on('GET', `/api/v1/bills/${BILL}`, { status: 200, body: bill({ version: 3 }) });
    const { services, live } = fakeServices(server, 'STAFF');
    renderScreen(<BillPanel billId={BILL} orderId={ORDER} />, services);
    await screen.findByTestId('bill-total');

    act(() => live.push('/topic/bills', 'bill:paid', 2, bill({ status: 'PAID', paidCents: 3650, balanceCents: 0, version: 2 })));
    expect(screen.getByTestId('bill-status')).toHaveTextContent('Open');

    act(() => live.push('/topic/bills', 'bill:paid', 4, bill({ status: 'PAID', paidCents: 3650, balanceCents: 0, version: 4 })));
    expect(screen.getByTestId('bill-status')).toHaveTextContent('Paid');
  });
});
