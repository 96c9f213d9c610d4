import { fireEvent, screen, waitFor } from '@testing-library/react-native';

import { FakeServer, fakeServices } from '../../testing/fakes';
import { renderScreen } from '../../testing/render';
import { SettingsScreen } from './SettingsScreen';
import { TablesEditor } from './TablesEditor';
import { UsersScreen } from './UsersScreen';

const TABLES = [
  { id: 't2', number: 2, seats: 2, zone: 'window', status: 'FREE' },
  { id: 't1', number: 1, seats: 4, status: 'OCCUPIED' },
];

describe('TablesEditor', () => {
  it('adds a table and lays out every QR code on a sheet', async () => {
    const server = new FakeServer()
      .on('GET', '/api/v1/tables', { status: 200, body: TABLES })
      .on('POST', '/api/v1/tables', { status: 201, body: {} })
      .on('GET', /\/api\/v1\/tables\/t\d\/qr/, { status: 200, text: 'PNG', type: 'image/png' });
    renderScreen(<TablesEditor />, fakeServices(server, 'MANAGER').services);

    expect(await screen.findByTestId('table-row-2')).toHaveTextContent('Table 2 · 2 seats · window · free');
    fireEvent.changeText(screen.getByTestId('table-number'), '14');
    fireEvent.changeText(screen.getByTestId('table-seats'), '6');
    fireEvent.changeText(screen.getByTestId('table-zone'), 'terrace');
    fireEvent.press(screen.getByTestId('table-add'));
    await waitFor(() => expect(server.sent('POST', '/api/v1/tables')[0]?.body).toEqual({ number: 14, seats: 6, zone: 'terrace' }));

    fireEvent.press(screen.getByTestId('qr-sheet'));
    expect(await screen.findByLabelText('QR code of table 1')).toBeTruthy();
    expect(screen.getByLabelText('QR code of table 2').props.source).toEqual({ uri: 'data:image/png;base64,UE5H' });
  });

  it('shows why the server refused a table', async () => {
    const server = new FakeServer()
      .on('GET', '/api/v1/tables', { status: 200, body: TABLES })
      .on('POST', '/api/v1/tables', { status: 409, body: { title: 'Conflict', detail: 'Table 2 exists already' } });
    renderScreen(<TablesEditor />, fakeServices(server, 'MANAGER').services);
    fireEvent.changeText(await screen.findByTestId('table-number'), '2');
    fireEvent.press(screen.getByTestId('table-add'));
    expect(await screen.findByTestId('tables-message')).toHaveTextContent('Table 2 exists already');
  });
});

describe('SettingsScreen', () => {
  it('changes the currency, rates and time zone', async () => {
    const server = new FakeServer()
      .on('GET', '/api/v1/settings', { status: 200, body: { currency: 'EUR', taxRatePercent: 10, serviceChargePercent: 0, timeZone: 'Europe/Paris' } })
      .on('PUT', '/api/v1/settings', { status: 200, body: {} });
    renderScreen(<SettingsScreen />, fakeServices(server, 'MANAGER').services);

    fireEvent.changeText(await screen.findByTestId('settings-tax'), '5.5');
    fireEvent.changeText(screen.getByTestId('settings-service'), '12.5');
    fireEvent.changeText(screen.getByTestId('settings-zone'), 'Europe/Lisbon');
    fireEvent.press(screen.getByTestId('settings-save'));
    await waitFor(() =>
      expect(server.sent('PUT', '/api/v1/settings')[0]?.body).toEqual({
        currency: 'EUR',
        taxRatePercent: 5.5,
        serviceChargePercent: 12.5,
        timeZone: 'Europe/Lisbon',
      }),
    );
    expect(await screen.findByTestId('settings-message')).toHaveTextContent(/next bill/);

    fireEvent.changeText(screen.getByTestId('settings-currency'), 'euro');
    expect(screen.getByTestId('settings-save')).toBeDisabled();
  });
});

describe('UsersScreen', () => {
  const USERS = [
    { id: 'u1', username: 'waiter', fullName: 'Wendy Waiter', role: 'STAFF', active: true },
    { id: 'u2', username: 'cook', fullName: 'Carlos Cook', role: 'KITCHEN', active: false },
  ];

  it('lists the staff, registers someone, changes a role and deactivates an account', async () => {
    const server = new FakeServer()
      .on('GET', '/api/v1/auth/users', { status: 200, body: USERS })
      .on('POST', '/api/v1/auth/register', { status: 201, body: {} })
      .on('PATCH', /\/api\/v1\/auth\/users\//, { status: 200, body: {} });
    renderScreen(<UsersScreen />, fakeServices(server, 'ADMIN').services);

    expect(await screen.findByTestId('user-cook')).toHaveTextContent(/KITCHEN · deactivated/);
    fireEvent.changeText(screen.getByTestId('user-username'), 'new.waiter');
    fireEvent.changeText(screen.getByTestId('user-fullname'), 'Nina New');
    fireEvent.changeText(screen.getByTestId('user-password'), 'short');
    expect(screen.getByTestId('user-register')).toBeDisabled();
    fireEvent.changeText(screen.getByTestId('user-password'), 'long-enough-2026');
    fireEvent.press(screen.getByTestId('user-role-MANAGER'));
    fireEvent.press(screen.getByTestId('user-register'));
    await waitFor(() =>
      expect(server.sent('POST', '/api/v1/auth/register')[0]?.body).toEqual({
        username: 'new.waiter',
        fullName: 'Nina New',
        password: 'long-enough-2026',
        role: 'MANAGER',
      }),
    );

    fireEvent.press(screen.getByTestId('user-waiter-make-MANAGER'));
    await waitFor(() => expect(server.sent('PATCH', '/api/v1/auth/users/u1')[0]?.body).toEqual({ role: 'MANAGER' }));
    fireEvent.press(screen.getByTestId('user-waiter-active'));
    await waitFor(() => expect(server.sent('PATCH', '/api/v1/auth/users/u1')[1]?.body).toEqual({ active: false }));
    fireEvent.press(screen.getByTestId('user-cook-active'));
    await waitFor(() => expect(server.sent('PATCH', '/api/v1/auth/users/u2')[0]?.body).toEqual({ active: true }));
  });
});
