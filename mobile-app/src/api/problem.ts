/** An RFC 9457 problem the server answered with: the app shows its `detail` as it is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: { field: string; message: string }[] = [],
  ) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** What a person should read: the detail, then each refused field. */
  get explanation(): string {
    const fields = this.errors.map((e) => `${e.field}: ${e.message}`);
    return [this.detail || this.title, ...fields].filter(Boolean).join('\n');
  }
}

/** The request never got an answer (no network, server unreachable): worth trying again with the same ids. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/**
 * Worth sending again later, unchanged: no answer, a server error, rate limiting, or a session that ended (the
 * command waits for the user to sign in again rather than being lost).
 */
export function isRetryable(error: unknown): boolean {
  return (
    error instanceof NetworkError ||
    (error instanceof ApiError && (error.status >= 500 || error.status === 429 || error.status === 401))
  );
}

export async function problemFrom(response: Response): Promise<ApiError> {
  let body: { title?: string; detail?: string; errors?: { field: string; message: string }[] } = {};
  try {
    body = await response.json();
  } catch {
    body = {};
  }
  return new ApiError(response.status, body.title ?? response.statusText, body.detail ?? '', body.errors ?? []);
}
