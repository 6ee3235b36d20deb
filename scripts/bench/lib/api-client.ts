import http from 'node:http';
import { assertLoopback } from './loopback';

/**
 * A small keep-alive JSON client for suites that drive the platform's API request by request
 * (each with its own path, token and status to record), where autocannon's fixed request does
 * not fit. node:http rather than fetch: it costs the runner process, which shares the machine
 * with the server under test, noticeably less CPU per request.
 */
export interface ApiResponse {
  status: number;
  body: string;
}

export interface ApiClient {
  readonly origin: string;
  request(method: 'GET' | 'POST', path: string, options?: { token?: string; json?: unknown }): Promise<ApiResponse>;
  /** Like request, but throws unless the status is `expected`; returns the parsed body. */
  expectJson<T>(
    method: 'GET' | 'POST',
    path: string,
    expected: number,
    options?: { token?: string; json?: unknown },
  ): Promise<T>;
  close(): void;
}

/** Never hang a run on a stuck request. */
const REQUEST_TIMEOUT_MS = 30_000;

export function createApiClient(origin: string, options: { maxSockets: number }): ApiClient {
  const { hostname, port } = assertLoopback(origin, 'createApiClient');
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });

  const request: ApiClient['request'] = (method, path, { token, json } = {}) =>
    new Promise((resolve, reject) => {
      const body = json === undefined ? undefined : JSON.stringify(json);
      const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = http.request({ agent, host: hostname, port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(body);
    });

  return {
    origin,
    request,
    async expectJson<T>(
      method: 'GET' | 'POST',
      path: string,
      expected: number,
      options?: { token?: string; json?: unknown },
    ): Promise<T> {
      const response = await request(method, path, options);
      if (response.status !== expected) {
        throw new Error(`${method} ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
      }
      return JSON.parse(response.body) as T;
    },
    close: () => agent.destroy(),
  };
}

/** Runs `task` for every item with at most `limit` in flight; the first error is rethrown after all stop. */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw failure.error;
}
