import { ApiError, isRetryable } from '../api/problem';
import { newId } from './ids';

/** A command waiting to reach the server. Creates carry the ids the app chose, so sending it twice is harmless. */
export interface Command {
  id: string;
  method: 'POST' | 'DELETE' | 'PUT';
  path: string;
  body?: unknown;
  /** What it does, in the words shown to the waiter ("Add 2 × Fries"). */
  label: string;
  /** The order (or table) it belongs to, so a screen shows only its own pending commands. */
  scope?: string;
  /** What the screen needs to show a pending line before the server has it. */
  preview?: Record<string, unknown>;
}

export interface Refusal {
  command: Command;
  message: string;
}

export interface OutboxState {
  pending: Command[];
  refused: Refusal[];
  /** True while the last attempt failed for want of a network and a retry is waiting. */
  offline: boolean;
}

export interface KeyValueStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
}

export interface Sender {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

const KEY = 'brigade.outbox';
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 8_000;

/**
 * Commands go out one at a time, in the order they were given. One that fails for network reasons stays at the head
 * (kept on the device) and is retried with the same ids, with back-off, until it gets an answer; one the server refuses
 * (4xx) is dropped and its problem kept for the screen to show.
 */
export class Outbox {
  private state: OutboxState = { pending: [], refused: [], offline: false };
  private listeners = new Set<(state: OutboxState) => void>();
  private flushing: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay = FIRST_RETRY_MS;

  constructor(
    private readonly sender: Sender,
    private readonly storage: KeyValueStorage,
  ) {
    const target = globalThis as { addEventListener?: (type: string, listener: () => void) => void };
    target.addEventListener?.('online', () => this.retryNow());
  }

  get current(): OutboxState {
    return this.state;
  }

  async load(): Promise<void> {
    const raw = await this.storage.getItem(KEY);
    if (raw) {
      this.update({ ...this.state, pending: JSON.parse(raw) as Command[] });
      void this.flush();
    }
  }

  subscribe(listener: (state: OutboxState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /** Queues a command and starts sending; resolves once it is stored, not once it is delivered. */
  async enqueue(command: Omit<Command, 'id'>): Promise<Command> {
    const queued = { ...command, id: newId() };
    this.update({ ...this.state, pending: [...this.state.pending, queued] });
    await this.persist();
    void this.flush();
    return queued;
  }

  dismiss(refusal: Refusal): void {
    this.update({ ...this.state, refused: this.state.refused.filter((r) => r !== refusal) });
  }

  retryNow(): void {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.retryDelay = FIRST_RETRY_MS;
    void this.flush();
  }

  /** Sends what is pending; resolves when the queue is empty or waiting for the network. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.drain().finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.state.pending.length > 0) {
      const head = this.state.pending[0];
      try {
        await this.sender.request(head.method, head.path, head.body);
        this.retryDelay = FIRST_RETRY_MS;
        await this.drop(head, null);
      } catch (error) {
        if (isRetryable(error)) {
          this.update({ ...this.state, offline: true });
          this.scheduleRetry();
          return;
        }
        const message = error instanceof ApiError ? error.explanation : String(error);
        await this.drop(head, message);
      }
    }
    if (this.state.offline) {
      this.update({ ...this.state, offline: false });
    }
  }

  private async drop(command: Command, refusal: string | null): Promise<void> {
    this.update({
      offline: false,
      pending: this.state.pending.filter((c) => c.id !== command.id),
      refused: refusal === null ? this.state.refused : [...this.state.refused, { command, message: refusal }],
    });
    await this.persist();
  }

  private scheduleRetry(): void {
    if (this.retryTimer) {
      return;
    }
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, LAST_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, delay);
    (this.retryTimer as { unref?: () => void }).unref?.();
  }

  private persist(): Promise<void> {
    return this.storage.setItem(KEY, JSON.stringify(this.state.pending));
  }

  private update(next: OutboxState): void {
    this.state = next;
    this.listeners.forEach((listener) => listener(next));
  }
}
