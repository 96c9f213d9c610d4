import { memoryTokenStore } from '../auth/tokenStore';
import { FakeServer, tokens } from '../testing/fakes';
import { Api, SESSION_ENDED } from './client';
import { ApiError } from './problem';

describe('Api', () => {
  it('signs in, keeps the tokens and sends the access token with every request', async () => {
    const server = new FakeServer()
      .on('POST', '/api/v1/auth/login', { status: 200, body: tokens('STAFF') })
      .on('GET', '/api/v1/floor', { status: 200, body: [] });
    const store = memoryTokenStore();
    const api = new Api('http://gateway', store, server.fetch);

    const user = await api.signIn('waiter', 'brigade-waiter-2026');
    await api.get('/api/v1/floor');

    expect(user.role).toBe('STAFF');
    expect((await store.load())?.refreshToken).toBe('refresh-1');
    expect(server.sent('GET', '/api/v1/floor')[0].authorization).toBe('Bearer access-1');
  });

  it('refreshes an access token about to expire before using it, and keeps the rotated refresh token', async () => {
    let clock = 0;
    const server = new FakeServer()
      .on('POST', '/api/v1/auth/login', { status: 200, body: tokens('STAFF', 1) })
      .on('POST', '/api/v1/auth/refresh', { status: 200, body: tokens('STAFF', 2) })
      .on('GET', '/api/v1/floor', { status: 200, body: [] });
    const store = memoryTokenStore();
    const api = new Api('http://gateway', store, server.fetch, () => clock);
    await api.signIn('waiter', 'pw');

    clock = 890_000;
    await api.get('/api/v1/floor');

    expect(server.sent('POST', '/api/v1/auth/refresh')[0].body).toEqual({ refreshToken: 'refresh-1' });
    expect(server.sent('GET', '/api/v1/floor')[0].authorization).toBe('Bearer access-2');
    expect((await store.load())?.refreshToken).toBe('refresh-2');
  });

  it('signs the user out with a clear message when the server ends the session', async () => {
    const server = new FakeServer()
      .on('POST', '/api/v1/auth/login', { status: 200, body: tokens('STAFF') })
      .on('GET', '/api/v1/floor', { status: 401, body: { title: 'Unauthorized', detail: 'token revoked' } })
      .on('POST', '/api/v1/auth/refresh', { status: 401, body: { title: 'Unauthorized', detail: 'spent' } });
    const api = new Api('http://gateway', memoryTokenStore(), server.fetch);
    await api.signIn('waiter', 'pw');
    const messages: string[] = [];
    api.onSignedOut((m) => messages.push(m));

    await expect(api.get('/api/v1/floor')).rejects.toBeInstanceOf(ApiError);

    expect(messages).toEqual([SESSION_ENDED]);
    expect(api.user).toBeNull();
  });

  it('makes a problem+json answer an error carrying its detail and fields', async () => {
    const server = new FakeServer()
      .on('POST', '/api/v1/auth/login', { status: 200, body: tokens('STAFF') })
      .on('POST', '/api/v1/orders', {
        status: 400,
        body: { title: 'Bad Request', detail: 'Invalid input', errors: [{ field: 'guests', message: 'must be positive' }] },
      });
    const api = new Api('http://gateway', memoryTokenStore(), server.fetch);
    await api.signIn('waiter', 'pw');

    const error = (await api.post("/api/v1/orders", { guests: 0 }).catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.explanation).toBe('Invalid input\nguests: must be positive');
  });
});
