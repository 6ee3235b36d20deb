import http from 'node:http';
import { assertLoopback } from './loopback';

/**
 * A Server-Sent Events reader for latency measurements: every message is handed over with the
 * time its bytes arrived (performance.now() when the chunk was read), before any parsing work.
 * backend/src/testing/sse.ts collects events for assertions but keeps no arrival times.
 */
export interface SseMessage {
  id?: string;
  event: string;
  /** Raw data lines joined by "\n"; the caller parses only what it needs. */
  data: string;
}

export interface SseStream {
  close(): void;
}

const CONNECT_TIMEOUT_MS = 10_000;

export function openEventStream(
  url: string,
  headers: Record<string, string>,
  onMessage: (message: SseMessage, arrivedAt: number) => void,
): Promise<SseStream> {
  const { hostname, port, pathname, search } = assertLoopback(url, 'openEventStream');
  return new Promise((resolve, reject) => {
    const req = http.get(
      // agent: false — one dedicated connection, never pooled with request/response traffic.
      {
        host: hostname,
        port,
        path: pathname + search,
        agent: false,
        headers: { accept: 'text/event-stream', ...headers },
      },
      (res) => {
        clearTimeout(timer);
        if (res.statusCode !== 200) {
          res.resume();
          req.destroy();
          reject(new Error(`GET ${pathname} answered ${res.statusCode}`));
          return;
        }
        // Closing the stream destroys the socket; that error is expected and ends the response.
        res.on('error', () => undefined);
        const parse = parser(onMessage);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => parse(chunk, performance.now()));
        resolve({ close: () => req.destroy() });
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`GET ${pathname} did not answer`)), CONNECT_TIMEOUT_MS);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The event-stream format: blocks separated by a blank line, `field: value` lines, `:` comments. */
function parser(onMessage: (message: SseMessage, arrivedAt: number) => void) {
  let buffer = '';
  return (chunk: string, arrivedAt: number) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      let id: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'id') id = value;
        else if (field === 'data') data.push(value);
      }
      // A block of comments or a bare `retry:` carries no message.
      if (data.length || event !== 'message') onMessage({ id, event, data: data.join('\n') }, arrivedAt);
    }
  };
}
