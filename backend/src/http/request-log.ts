import type { RequestHandler } from 'express';
import type { Logger } from '../logger';

/** Probes and scrapes arrive every few seconds and would drown the request log. */
const UNLOGGED = new Set(['/healthz', '/readyz', '/metrics']);

/** What the request log says of every request at info: no headers, no query string, no body. */
export interface RequestLine {
  method: string;
  path: string;
  status: number;
  /** From the request's arrival to its answer's end (or the client leaving, for an event stream). */
  ms: number;
  /** The signed-in user, or null for a guest. */
  userId: string | null;
}

/**
 * One line per request, written when it ends: at info the request line alone (an error status at
 * error); at debug a second line with its details — headers (credentials redacted by the logger),
 * query, client address and the response's headers. Requests for `staticFile` paths (a page load
 * fetches dozens of scripts and styles) are logged at debug alone.
 */
export function requestLog(logger: Logger, staticFile: (path: string) => boolean = () => false): RequestHandler {
  return (req, res, next) => {
    // The path as it arrived: routers rewrite req.url while routing.
    const path = req.path;
    const level = staticFile(path) ? 'debug' : 'info';
    if (UNLOGGED.has(path) || !logger.isLevelEnabled(level)) return next();
    const started = performance.now();
    let logged = false;
    const write = () => {
      if (logged) return;
      logged = true;
      const line: RequestLine = {
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        userId: req.user?.id ?? null,
      };
      const message = `${line.method} ${line.path} ${line.status} ${line.ms} ms`;
      if (line.status >= 500) logger.error(line, message);
      else logger[level](line, message);
      if (logger.isLevelEnabled('debug')) logger.debug({ req, res }, `${message} (details)`);
    };
    // 'close' alone ends an event stream the client left, and a request cut before its answer.
    res.once('finish', write);
    res.once('close', write);
    next();
  };
}
