import { fireEvent, screen, waitFor } from '@testing-library/react-native';

import type { BillView } from '../../api/types';
import { ORDER } from '../../testing/demo';
import { FakeServer, fakeServices } from '../../testing/fakes';
import { renderScreen } from '../../testing/render';
import { BillAdjustments } from './BillAdjustments';

const BILL: BillView = {
  billId: 'b1',
  orderId: ORDER,
  tableNumber: 5,
  lines: [],
  subtotalCents: 5000,
  discountCents: 0,
  serviceChargeCents: 0,
  taxCents: 455,
  totalCents: 5000,
  paidCents: 2000,
  tipsCents: 0,
  balanceCents: 3000,
  status: 'OPEN',
  checks: [],
  payments: [{ paymentId: 'p1', checkId: null, method: 'CARD', amountCents: 2000, tipCents: 0, refunded: false }],
  version: 3,
};

describe('BillAdjustments', () => {
  it('discounts, comps, refunds and voids, each only once a reason is given', async () => {
    const server = new FakeServer().on('POST', /\/api\/v1\/billing\/bills\/b1\//, { status: 204 });
    const changed = jest.fn();
    renderScreen(<BillAdjustments bill={BILL} onChanged={changed} />, fakeServices(server, 'MANAGER').services);

    fireEvent.changeText(screen.getByTestId('discount-value'), '15');
    fireEvent.press(screen.getByTestId('discount'));
    expect(screen.getByTestId('discount-confirm')).toBeDisabled();
    fireEvent.changeText(screen.getByTestId('discount-reason'), 'regulars');
    fireEvent.press(screen.getByTestId('discount-confirm'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/billing/bills/b1/discounts')[0]?.body).toEqual({ kind: 'PERCENT', value: 15, reason: 'regulars' }));

    fireEvent.press(screen.getByTestId('comp'));
    fireEvent.changeText(screen.getByTestId('comp-reason'), 'cold soup');
    fireEvent.press(screen.getByTestId('comp-confirm'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/billing/bills/b1/discounts')[1]?.body).toEqual({ kind: 'PERCENT', value: 100, reason: 'cold soup' }));

    fireEvent.press(screen.getByTestId('refund-p1'));
    fireEvent.changeText(screen.getByTestId('refund-p1-reason'), 'charged twice');
    fireEvent.press(screen.getByTestId('refund-p1-confirm'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/billing/bills/b1/payments/p1/refund')[0]?.body).toEqual({ reason: 'charged twice' }));

    fireEvent.press(screen.getByTestId('void-bill'));
    fireEvent.changeText(screen.getByTestId('void-bill-reason'), 'opened on the wrong table');
    fireEvent.press(screen.getByTestId('void-bill-confirm'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/billing/bills/b1/void')[0]?.body).toEqual({ reason: 'opened on the wrong table' }));
    expect(changed).toHaveBeenCalledTimes(4);
  });

  it('gives an amount discount in minor units and shows a refusal where it was asked', async () => {
    const server = new FakeServer().on('POST', '/api/v1/billing/bills/b1/discounts', {
      status: 422,
      body: { title: 'Unprocessable', detail: 'The discount is more than the bill' },
    });
    renderScreen(<BillAdjustments bill={BILL} onChanged={() => undefined} />, fakeServices(server, 'MANAGER').services);

    fireEvent.press(screen.getByTestId('discount-amount'));
    fireEvent.changeText(screen.getByTestId('discount-value'), '80.00');
    fireEvent.press(screen.getByTestId('discount'));
    fireEvent.changeText(screen.getByTestId('discount-reason'), 'birthday');
    fireEvent.press(screen.getByTestId('discount-confirm'));
    expect(await screen.findByText('The discount is more than the bill')).toBeTruthy();
    expect(server.sent('POST', '/api/v1/billing/bills/b1/discounts')[0].body).toEqual({ kind: 'AMOUNT', value: 8000, reason: 'birthday' });
  });
});
