import { fireEvent, render, screen, waitFor } from '@testing-library/react-native';

import App from './App';
import { SESSION_ENDED } from './api/client';
import type { User } from './api/types';
import { FakeServer, fakeServices, tokens } from './testing/fakes';
import { floorRow, MENU } from './testing/demo';

function serverFor(role: User['role']) {
  return new FakeServer()
    .on('POST', '/api/v1/auth/login', { status: 200, body: tokens(role) })
    .on('GET', '/api/v1/floor', { status: 200, body: [floorRow(1), floorRow(2)] })
    .on('GET', '/api/v1/menu', { status: 200, body: MENU })
    .on('GET', /\/api\/v1\/kitchen\/board/, { status: 200, body: [] });
}

async function signInAs(role: User['role']) {
  return signInAsWith(serverFor(role));
}

async function signInAsWith(server: FakeServer) {
  const { services } = fakeServices(server, null);
  render(<App services={services} />);
  fireEvent.changeText(await screen.findByTestId('sign-in-username'), 'someone');
  fireEvent.changeText(screen.getByTestId('sign-in-password'), 'a-password');
  fireEvent.press(screen.getByTestId('sign-in-submit'));
  return server;
}

describe('App', () => {
  it('opens on the sign-in screen when nobody is signed in', async () => {
    const { services } = fakeServices(new FakeServer(), null);
    render(<App services={services} />);

    expect(await screen.findByTestId('sign-in-screen')).toBeTruthy();
  });

  it('shows a waiter the floor', async () => {
    const server = await signInAs('STAFF');

    expect(await screen.findByTestId('floor-screen')).toBeTruthy();
    expect(await screen.findByTestId('floor-table-2')).toBeTruthy();
    expect(server.sent('POST', '/api/v1/auth/login')[0].body).toEqual({ username: 'someone', password: 'a-password' });
  });

  it('shows a cook the kitchen display', async () => {
    await signInAs('KITCHEN');

    expect(await screen.findByTestId('kitchen-screen')).toBeTruthy();
    expect(screen.queryByTestId('nav-floor')).toBeNull();
  });

  it('shows a manager today at a glance, the floor, the kitchen and the reports', async () => {
    await signInAs('MANAGER');

    expect(await screen.findByTestId('manager-home')).toBeTruthy();
    fireEvent.press(screen.getByTestId('nav-reports'));
    expect(await screen.findByTestId('reports-screen')).toBeTruthy();
    fireEvent.press(screen.getByTestId('nav-kitchen'));
    expect(await screen.findByTestId('kitchen-screen')).toBeTruthy();
    fireEvent.press(screen.getByTestId('nav-floor'));
    expect(await screen.findByTestId('floor-screen')).toBeTruthy();
  });

  it('tells a waiter who follows a link to the reports that they are not allowed, and asks the server nothing', async () => {
    const server = serverFor('STAFF');
    const { services } = fakeServices(server, 'STAFF');
    render(<App services={services} initialRoute={{ name: 'reports' }} />);

    expect(await screen.findByTestId('not-allowed')).toHaveTextContent(/Not allowed.*\/manager\/reports/);
    expect(server.sent('GET', /\/api\/v1\/reports/)).toHaveLength(0);
    fireEvent.press(screen.getByTestId('not-allowed-home'));
    expect(await screen.findByTestId('floor-screen')).toBeTruthy();
  });

  it('opens the audit trail for an auditor', async () => {
    const server = serverFor('AUDITOR').on('GET', /\/api\/v1\/audit\/events/, { status: 200, body: { items: [], page: 0, size: 25, total: 0 } });
    await signInAsWith(server);

    expect(await screen.findByTestId('audit-feed')).toBeTruthy();
    expect(screen.queryByTestId('nav-floor')).toBeNull();
  });

  it('sends the user back to sign-in with a clear message when the session ends', async () => {
    const server = new FakeServer()
      .on('GET', '/api/v1/floor', { status: 401, body: { title: 'Unauthorized', detail: 'revoked' } })
      .on('POST', '/api/v1/auth/refresh', { status: 401, body: { title: 'Unauthorized', detail: 'spent' } });
    const { services } = fakeServices(server, 'STAFF');
    render(<App services={services} />);

    expect(await screen.findByTestId('sign-in-screen')).toBeTruthy();
    expect(screen.getByTestId('sign-in-notice')).toHaveTextContent(SESSION_ENDED);
  });

  it('signs out', async () => {
    const server = await signInAs('STAFF');
    fireEvent.press(await screen.findByTestId('sign-out'));

    expect(await screen.findByTestId('sign-in-screen')).toBeTruthy();
    await waitFor(() => expect(server.sent('POST', '/api/v1/auth/logout')).toHaveLength(1));
  });
});
