import { Live, type LiveStatus } from './live';

/** A websocket whose far end is the test: it reads the STOMP frames the client sends and answers as the server. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  binaryType = 'arraybuffer';
  url = 'ws://gateway/ws';
  protocol = '';
  frames: string[] = [];
  onopen: ((ev?: unknown) => void) | null = null;
  onclose: ((ev?: unknown) => void) | null = null;
  onerror: ((ev?: unknown) => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;

  constructor() {
    FakeSocket.all.push(this);
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.({});
    }, 0);
  }

  send(data: string | ArrayBuffer | Uint8Array) {
    const frame = typeof data === 'string' ? data : new TextDecoder().decode(data as Uint8Array);
    this.frames.push(frame);
    const receipt = /\nreceipt:(.*)/.exec(frame)?.[1];
    if (receipt) {
      setTimeout(() => this.answer('RECEIPT', { 'receipt-id': receipt }), 0);
    }
  }

  close() {
    this.drop();
  }

  answer(command: string, headers: Record<string, string>, body = '') {
    const head = Object.entries(headers).map(([k, v]) => `${k}:${v}`).join('\n');
    this.onmessage?.({ data: `${command}\n${head}\n\n${body}` });
  }

  drop() {
    if (this.readyState !== 3) {
      this.readyState = 3;
      this.onclose?.({ code: 1006, reason: 'gone', wasClean: false });
    }
  }

  sent(command: string): string[] {
    return this.frames.filter((f) => f.startsWith(`${command}\n`));
  }
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 400 && !condition(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(condition()).toBe(true);
}

function destinationOf(frame: string) {
  return /destination:(.*)/.exec(frame)?.[1];
}

describe('Live', () => {
  beforeEach(() => {
    FakeSocket.all = [];
  });

  it('connects with a fresh token, subscribes, reconnects by itself and subscribes again', async () => {
    let tokens = 0;
    const live = new Live({
      url: 'ws://gateway/ws',
      accessToken: async () => `token-${++tokens}`,
      webSocketFactory: () => new FakeSocket() as unknown as WebSocket,
    });
    const statuses: LiveStatus[] = [];
    live.onStatus((s) => statuses.push(s));
    const received: unknown[] = [];
    live.subscribe('/topic/floor', (m) => received.push(m));
    live.start();

    await until(() => FakeSocket.all[0]?.sent('CONNECT').length === 1);
    const first = FakeSocket.all[0];
    expect(first.sent('CONNECT')[0]).toContain('Authorization:Bearer token-1');
    first.answer('CONNECTED', { version: '1.2', 'heart-beat': '0,0' });
    await until(() => first.sent('SUBSCRIBE').length === 1);
    expect(destinationOf(first.sent('SUBSCRIBE')[0])).toBe('/topic/floor');
    expect(live.currentStatus).toBe('connected');

    const subscription = /\nid:(.*)/.exec(first.sent('SUBSCRIBE')[0])![1];
    first.answer(
      'MESSAGE',
      { destination: '/topic/floor', subscription, 'message-id': '1', 'content-type': 'application/json' },
      JSON.stringify({ type: 'table:update', version: 3, data: { table: { id: 't1' } } }),
    );
    await until(() => received.length === 1);
    expect(received[0]).toEqual({ type: 'table:update', version: 3, data: { table: { id: 't1' } } });

    first.drop();
    expect(live.currentStatus).toBe('disconnected');
    await until(() => FakeSocket.all[1]?.sent('CONNECT').length === 1);
    const second = FakeSocket.all[1];
    expect(second.sent('CONNECT')[0]).toContain('Authorization:Bearer token-2');
    second.answer('CONNECTED', { version: '1.2', 'heart-beat': '0,0' });
    await until(() => second.sent('SUBSCRIBE').length === 1);
    expect(destinationOf(second.sent('SUBSCRIBE')[0])).toBe('/topic/floor');
    expect(statuses).toEqual(['connecting', 'connected', 'disconnected', 'connected']);

    await live.stop();
    expect(second.sent('DISCONNECT')).toHaveLength(1);
  }, 20_000);
});
