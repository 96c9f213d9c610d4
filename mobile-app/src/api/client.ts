import { ApiError, NetworkError, problemFrom } from './problem';
import type { TokenAnswer, User } from './types';
import type { TokenStore } from '../auth/tokenStore';

type Fetch = typeof fetch;

type Reading = 'json' | 'text' | 'bytes';

interface HeldSession {
  tokens: TokenAnswer;
  /** Epoch millis when the access token expires. */
  expiresAt: number;
}

/** How long before its expiry an access token is replaced, so no request goes out with one about to lapse. */
const REFRESH_MARGIN_MS = 60_000;

export const SESSION_ENDED = 'Your session has ended. Please sign in again.';

/**
 * The app's only way to the server: every call goes through the gateway with the current access token, which it
 * refreshes before it expires. The refresh token rotates on every use (a spent one revokes the login), so only one
 * refresh runs at a time and the new pair is stored before anything else is sent.
 */
export class Api {
  private session: HeldSession | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private signedOutListeners = new Set<(message: string) => void>();

  constructor(
    readonly baseUrl: string,
    private readonly store: TokenStore,
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
    private readonly now: () => number = Date.now,
  ) {}

  get user(): User | null {
    return this.session?.tokens.user ?? null;
  }

  onSignedOut(listener: (message: string) => void): () => void {
    this.signedOutListeners.add(listener);
    return () => this.signedOutListeners.delete(listener);
  }

  async restore(): Promise<User | null> {
    const stored = (await this.store.load()) as (TokenAnswer & { expiresAt?: number }) | null;
    if (!stored) {
      return null;
    }
    this.hold({ tokens: stored, expiresAt: stored.expiresAt ?? 0 });
    try {
      await this.freshAccessToken();
    } catch (error) {
      if (!(error instanceof NetworkError)) {
        return null;
      }
    }
    return this.user;
  }

  async signIn(username: string, password: string): Promise<User> {
    const tokens = await this.call<TokenAnswer>('POST', '/api/v1/auth/login', { username, password }, null);
    await this.keep(tokens);
    return tokens.user;
  }

  async signOut(): Promise<void> {
    const refreshToken = this.session?.tokens.refreshToken;
    const token = this.session?.tokens.accessToken ?? null;
    await this.forget();
    if (refreshToken) {
      await this.call('POST', '/api/v1/auth/logout', { refreshToken }, token).catch(() => undefined);
    }
  }

  /** The access token, refreshed first when it is about to expire. */
  async freshAccessToken(): Promise<string> {
    if (!this.session) {
      throw new ApiError(401, 'Unauthorized', SESSION_ENDED);
    }
    if (this.session.expiresAt - this.now() < REFRESH_MARGIN_MS / 2) {
      await this.refresh();
    }
    return this.session!.tokens.accessToken;
  }

  async request<T>(method: string, path: string, body?: unknown, as: Reading = 'json'): Promise<T> {
    const token = await this.freshAccessToken();
    try {
      return await this.call<T>(method, path, body, token, as);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && this.session) {
        await this.refresh();
        return this.call<T>(method, path, body, this.session!.tokens.accessToken, as);
      }
      throw error;
    }
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  /** An answer that is not JSON (an export in JSON Lines), as text. */
  text(path: string): Promise<string> {
    return this.request<string>('GET', path, undefined, 'text');
  }

  /** An image the server only gives with a token (a table's QR code), as a `data:` address an `Image` can show. */
  async dataUrl(path: string): Promise<string> {
    const { type, bytes } = await this.request<{ type: string; bytes: Uint8Array }>('GET', path, undefined, 'bytes');
    let binary = '';
    bytes.forEach((byte) => {
      binary += String.fromCharCode(byte);
    });
    return `data:${type};base64,${btoa(binary)}`;
  }

  refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = this.rotate().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async rotate(): Promise<void> {
    const refreshToken = this.session?.tokens.refreshToken;
    if (!refreshToken) {
      throw new ApiError(401, 'Unauthorized', SESSION_ENDED);
    }
    try {
      const tokens = await this.call<TokenAnswer>('POST', '/api/v1/auth/refresh', { refreshToken }, null);
      await this.keep(tokens);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        await this.endSession(SESSION_ENDED);
      }
      throw error;
    }
  }

  /** Holds a new pair of tokens at once (the session is usable before the store has them) and stores them. */
  async keep(tokens: TokenAnswer): Promise<void> {
    const held = { tokens, expiresAt: this.now() + tokens.expiresIn * 1000 };
    this.hold(held);
    await this.store.save({ ...tokens, expiresAt: held.expiresAt } as TokenAnswer);
  }

  private hold(session: HeldSession): void {
    this.session = session;
    if (this.refreshTimer) {
      clearTimeout(this.refreshTimer);
    }
    const due = Math.max(1_000, session.expiresAt - this.now() - REFRESH_MARGIN_MS);
    this.refreshTimer = setTimeout(() => {
      this.refresh().catch(() => undefined);
    }, due);
    // Where timers can keep a process alive (Node), this one must not: it only matters while something else runs.
    (this.refreshTimer as { unref?: () => void }).unref?.();
  }

  private async forget(): Promise<void> {
    if (this.refreshTimer) {
      clearTimeout(this.refreshTimer);
      this.refreshTimer = null;
    }
    this.session = null;
    await this.store.clear();
  }

  private async endSession(message: string): Promise<void> {
    await this.forget();
    this.signedOutListeners.forEach((listener) => listener(message));
  }

  private async call<T>(
    method: string,
    path: string,
    body: unknown,
    token: string | null,
    as: Reading = 'json',
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: as === 'json' ? 'application/json' : '*/*' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) {
      throw await problemFrom(response);
    }
    if (as === 'bytes') {
      const type = response.headers?.get('Content-Type') ?? 'application/octet-stream';
      return { type, bytes: new Uint8Array(await response.arrayBuffer()) } as T;
    }
    if (as === 'text') {
      return (await response.text()) as T;
    }
    if (response.status === 204) {
      return undefined as T;
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
