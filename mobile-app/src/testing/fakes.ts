import { Api } from '../api/client';
import type { LiveMessage, TokenAnswer, User } from '../api/types';
import { memoryTokenStore } from '../auth/tokenStore';
import { Outbox, type KeyValueStorage } from '../outbox/outbox';
import type { Live, LiveStatus } from '../realtime/live';
import type { Services } from '../services';

export interface Recorded {
  method: string;
  path: string;
  body: unknown;
  authorization?: string;
}

type Answer = { status: number; body?: unknown; text?: string; type?: string } | 'network-down';
type Handler = (request: Recorded) => Answer;

/** A server in memory that answers the app's fetch calls by method and path, and remembers every request. */
export class FakeServer {
  readonly requests: Recorded[] = [];
  private readonly routes: { method: string; path: string | RegExp; handler: Handler }[] = [];

  on(method: string, path: string | RegExp, handler: Handler | Answer): this {
    this.routes.unshift({ method, path, handler: typeof handler === 'function' ? handler : () => handler });
    return this;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const request: Recorded = {
      method: init?.method ?? 'GET',
      path,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      authorization: headers.Authorization,
    };
    const route = this.routes.find(
      (r) => r.method === request.method && (typeof r.path === 'string' ? r.path === path : r.path.test(path)),
    );
    const answer: Answer = route ? route.handler(request) : { status: 404, body: { title: 'Not Found', detail: path } };
    if (answer === 'network-down') {
      throw new TypeError('Failed to fetch');
    }
    this.requests.push(request);
    const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
    return {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      statusText: String(answer.status),
      headers: new Headers({ 'Content-Type': answer.type ?? 'application/json' }),
      json: async () => JSON.parse(text),
      text: async () => text,
      arrayBuffer: async () => new TextEncoder().encode(text).buffer,
    } as Response;
  };

  sent(method: string, path: string | RegExp): Recorded[] {
    return this.requests.filter(
      (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
    );
  }
}

/** Live updates pushed by the test itself. */
export class FakeLive {
  private readonly handlers = new Map<string, Set<(message: LiveMessage<unknown>) => void>>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  currentStatus: LiveStatus = 'connected';

  start(): void {}

  async stop(): Promise<void> {}

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.currentStatus);
    return () => this.statusListeners.delete(listener);
  }

  subscribe<T>(destination: string, onMessage: (message: LiveMessage<T>) => void): () => void {
    const set = this.handlers.get(destination) ?? new Set();
    set.add(onMessage as (message: LiveMessage<unknown>) => void);
    this.handlers.set(destination, set);
    return () => set.delete(onMessage as (message: LiveMessage<unknown>) => void);
  }

  push<T>(destination: string, type: string, version: number, data: T): void {
    this.handlers.get(destination)?.forEach((handler) => handler({ type, version, data }));
  }

  subscribed(destination: string): boolean {
    return (this.handlers.get(destination)?.size ?? 0) > 0;
  }

  setStatus(status: LiveStatus): void {
    this.currentStatus = status;
    this.statusListeners.forEach((listener) => listener(status));
  }
}

export function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: async (key) => data.get(key) ?? null,
    setItem: async (key, value) => {
      data.set(key, value);
    },
  };
}

export function user(role: User['role'], fullName = 'Wendy Waiter'): User {
  return { id: 'd0000000-0000-4000-8000-000000000003', username: 'someone', fullName, role, active: true };
}

export function tokens(role: User['role'], n = 1): TokenAnswer {
  return {
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    tokenType: 'Bearer',
    expiresIn: 900,
    user: user(role),
  };
}

/** Services over the fake server, signed in as `role` (or signed out when null). */
export function fakeServices(server: FakeServer, role: User['role'] | null) {
  const store = memoryTokenStore();
  const api = new Api('http://gateway', store, server.fetch);
  if (role) {
    void api.keep(tokens(role));
  }
  const storage = memoryStorage();
  const outbox = new Outbox(api, storage);
  const live = new FakeLive();
  const services: Services = { api, outbox, live: live as unknown as Live };
  return { services, api, outbox, live, storage, store };
}
