import { Api } from '../api/client';
import { memoryTokenStore } from '../auth/tokenStore';
import { FakeServer, memoryStorage, tokens } from '../testing/fakes';
import { Outbox } from './outbox';

function signedIn(server: FakeServer) {
  const api = new Api('http://gateway', memoryTokenStore(), server.fetch);
  void api.keep(tokens('STAFF'));
  return api;
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(condition()).toBe(true);
}

describe('Outbox', () => {
  it('sends commands one at a time in the order they were given', async () => {
    const server = new FakeServer().on('POST', /.*/, { status: 201, body: {} });
    const outbox = new Outbox(signedIn(server), memoryStorage());

    await outbox.enqueue({ method: 'POST', path: '/a', body: { n: 1 }, label: 'a' });
    await outbox.enqueue({ method: 'POST', path: '/b', body: { n: 2 }, label: 'b' });
    await outbox.enqueue({ method: 'POST', path: '/c', body: { n: 3 }, label: 'c' });
    await until(() => outbox.current.pending.length === 0);

    expect(server.requests.map((r) => r.path)).toEqual(['/a', '/b', '/c']);
  });

  it('keeps what fails for want of a network, shows it pending, and delivers it once, in order, with the same ids', async () => {
    let networkUp = false;
    const received: unknown[] = [];
    const server = new FakeServer().on('POST', /\/lines$|\/send$/, (request) => {
      if (!networkUp) {
        return 'network-down';
      }
      received.push(request.body);
      return { status: 201, body: {} };
    });
    const outbox = new Outbox(signedIn(server), memoryStorage());

    await outbox.enqueue({ method: 'POST', path: '/o/lines', body: { lineId: 'one' }, label: '1' });
    await outbox.enqueue({ method: 'POST', path: '/o/lines', body: { lineId: 'two' }, label: '2' });
    await outbox.enqueue({ method: 'POST', path: '/o/lines', body: { lineId: 'three' }, label: '3' });
    await outbox.enqueue({ method: 'POST', path: '/o/send', body: {}, label: 'send' });
    await outbox.flush();

    expect(outbox.current.offline).toBe(true);
    expect(outbox.current.pending.map((c) => c.label)).toEqual(['1', '2', '3', 'send']);
    expect(received).toEqual([]);

    networkUp = true;
    outbox.retryNow();
    await until(() => outbox.current.pending.length === 0);

    expect(received).toEqual([{ lineId: 'one' }, { lineId: 'two' }, { lineId: 'three' }, {}]);
    expect(outbox.current.offline).toBe(false);
  });

  it('drops a command the server refuses and keeps its problem detail to show, then goes on', async () => {
    const server = new FakeServer()
      .on('POST', '/orders/o/lines', {
        status: 422,
        body: { title: 'Unprocessable Entity', status: 422, detail: 'Grilled sea bass is not available' },
      })
      .on('POST', '/orders/o/send', { status: 200, body: { sentLines: 0 } });
    const outbox = new Outbox(signedIn(server), memoryStorage());

    await outbox.enqueue({ method: 'POST', path: '/orders/o/lines', body: {}, label: 'Add 1 × Grilled sea bass' });
    await outbox.enqueue({ method: 'POST', path: '/orders/o/send', body: {}, label: 'Send' });
    await until(() => outbox.current.pending.length === 0);

    expect(outbox.current.refused).toHaveLength(1);
    expect(outbox.current.refused[0].message).toBe('Grilled sea bass is not available');
    expect(server.sent('POST', '/orders/o/send')).toHaveLength(1);

    outbox.dismiss(outbox.current.refused[0]);
    expect(outbox.current.refused).toEqual([]);
  });

  it('keeps pending commands on the device, so a restarted app still sends them', async () => {
    const storage = memoryStorage();
    const down = new FakeServer().on('POST', /.*/, 'network-down');
    const first = new Outbox(signedIn(down), storage);
    await first.enqueue({ method: 'POST', path: '/orders', body: { orderId: 'x' }, label: 'Open' });
    await first.flush();
    first.retryNow = () => undefined;

    const up = new FakeServer().on('POST', /.*/, { status: 201, body: {} });
    const restarted = new Outbox(signedIn(up), storage);
    await restarted.load();
    await until(() => restarted.current.pending.length === 0);

    expect(up.sent('POST', '/orders').map((r) => r.body)).toEqual([{ orderId: 'x' }]);
  });
});
