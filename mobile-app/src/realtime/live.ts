import { Client, ReconnectionTimeMode, type StompSubscription } from '@stomp/stompjs';

import type { LiveMessage } from '../api/types';

export type LiveStatus = 'connecting' | 'connected' | 'disconnected';

interface Registration {
  destination: string;
  onMessage: (message: LiveMessage<unknown>) => void;
  subscription: StompSubscription | null;
}

export interface LiveOptions {
  url: string;
  accessToken: () => Promise<string>;
  /** Builds the socket; tests pass their own. */
  webSocketFactory?: () => WebSocket;
}

/**
 * One STOMP connection for the whole app. It reconnects by itself with growing pauses, asks for a fresh token for
 * every CONNECT, and subscribes every registered destination again after a reconnect (each subscription starts with
 * the current state, so what was missed while away is read again).
 */
export class Live {
  private readonly client: Client;
  private readonly registrations = new Set<Registration>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private status: LiveStatus = 'connecting';

  constructor(options: LiveOptions) {
    this.client = new Client({
      brokerURL: options.url,
      webSocketFactory: options.webSocketFactory,
      reconnectDelay: 500,
      maxReconnectDelay: 10_000,
      reconnectTimeMode: ReconnectionTimeMode.EXPONENTIAL,
      heartbeatIncoming: 10_000,
      heartbeatOutgoing: 10_000,
      // React Native's WebSocket mangles text frames with NUL bytes: send binary and restore the terminator.
      forceBinaryWSFrames: true,
      appendMissingNULLonIncoming: true,
    });
    this.client.beforeConnect = async (client) => {
      this.setStatus(this.status === 'connected' ? 'disconnected' : this.status);
      client.connectHeaders = { Authorization: `Bearer ${await options.accessToken()}` };
    };
    this.client.onConnect = () => {
      this.registrations.forEach((registration) => this.attach(registration));
      this.setStatus('connected');
    };
    this.client.onWebSocketClose = () => {
      this.registrations.forEach((registration) => {
        registration.subscription = null;
      });
      this.setStatus('disconnected');
    };
    this.client.onStompError = () => this.setStatus('disconnected');
  }

  start(): void {
    this.client.activate();
  }

  async stop(): Promise<void> {
    await this.client.deactivate();
  }

  get currentStatus(): LiveStatus {
    return this.status;
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => this.statusListeners.delete(listener);
  }

  subscribe<T>(destination: string, onMessage: (message: LiveMessage<T>) => void): () => void {
    const registration: Registration = {
      destination,
      onMessage: onMessage as (message: LiveMessage<unknown>) => void,
      subscription: null,
    };
    this.registrations.add(registration);
    if (this.client.connected) {
      this.attach(registration);
    }
    return () => {
      this.registrations.delete(registration);
      if (registration.subscription && this.client.connected) {
        registration.subscription.unsubscribe();
      }
    };
  }

  private attach(registration: Registration): void {
    registration.subscription = this.client.subscribe(registration.destination, (frame) => {
      try {
        registration.onMessage(JSON.parse(frame.body) as LiveMessage<unknown>);
      } catch {
        // A body that is not the documented JSON is passed over; the next message or reconnect brings the state.
      }
    });
  }

  private setStatus(status: LiveStatus): void {
    if (status !== this.status) {
      this.status = status;
      this.statusListeners.forEach((listener) => listener(status));
    }
  }
}

/** Keeps the newest version seen per id, so a duplicate or late message never undoes a newer one. */
export class Versions {
  private readonly seen = new Map<string, number>();

  isNewer(id: string, version: number | undefined): boolean {
    if (version === undefined || version === null) {
      return true;
    }
    const held = this.seen.get(id);
    if (held !== undefined && version <= held) {
      return false;
    }
    this.seen.set(id, version);
    return true;
  }

  forget(): void {
    this.seen.clear();
  }
}
