import { existsSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import type { Authenticator } from './auth/session';
import type { Logger } from './logger';
import type { Metrics } from './ops/metrics';
import { AppError, isUnavailable } from './http/errors';
import { errorMessage, fieldMessage, languageOf } from './http/messages';
import { buildOpenApiDocument } from './http/openapi';
import { requestLog } from './http/request-log';
import { mountRoutes, type RouteDef } from './http/route';
import { QUEUE_DASHBOARD_PATH } from './ops/paths';

const API_BASE = '/api/v1';
const BODY_LIMIT = '100kb';
const DASHBOARD_STATIC = `${QUEUE_DASHBOARD_PATH}/static/`;
/** Deeper than any request schema goes; deeper JSON is refused before it is parsed. */
export const MAX_JSON_DEPTH = 32;

export interface AppDeps {
  routes: readonly RouteDef[];
  auth: Authenticator;
  metrics: Metrics;
  logger: Logger;
  trustProxy: string;
  /** The secret GET /metrics asks for; without it the metrics are open (keep the port private). */
  metricsToken?: string | undefined;
  /** Readiness: resolves when the database and Redis answer. */
  checkReady(): Promise<void>;
  /** The platform admin's queue dashboard (ops/queue-dashboard.ts), its own pages and calls. */
  queueDashboard?: RequestHandler | undefined;
  /** The built web app (frontend/dist), served with SPA fallback when present. */
  frontendDist?: string | undefined;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.set('trust proxy', deps.trustProxy);
  app.disable('x-powered-by');
  // ETags would hash every JSON body (catalog pages are ~15 KB) for clients that never revalidate.
  app.set('etag', false);
  const browserHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        // antd writes its styles at run time (CSS-in-JS).
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
      },
    },
  });
  // These headers instruct browsers; a bearer call never comes from a browser page of ours (a browser
  // sends no Authorization header by itself), so it skips them — scripts claim at a high rate.
  app.use((req, res, next) =>
    req.headers.authorization?.startsWith('Bearer ') ? next() : browserHeaders(req, res, next),
  );
  // The web app's and the queue dashboard's scripts, styles and images: at debug.
  app.use(requestLog(deps.logger, (path) => path.startsWith('/assets/') || path.startsWith(DASHBOARD_STATIC)));
  app.use(deps.metrics.observe);

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.checkReady();
      res.json({ status: 'ready' });
    } catch (err) {
      res.status(503).json({ status: 'unavailable', reason: (err as Error).message });
    }
  });
  const metricsAuthorization = deps.metricsToken ? Buffer.from(`Bearer ${deps.metricsToken}`) : undefined;
  app.get('/metrics', async (req, res) => {
    if (metricsAuthorization && !sameSecret(metricsAuthorization, req.headers.authorization)) {
      res.status(401).json({ status: 'unauthorized' });
      return;
    }
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  const openApiDocument = buildOpenApiDocument(deps.routes);
  app.get(`${API_BASE}/openapi.json`, (_req, res) => void res.json(openApiDocument));
  app.use(
    '/api/docs',
    swaggerUi.serve,
    swaggerUi.setup(openApiDocument, { customSiteTitle: '市县一体金融服务平台 API' }),
  );

  const api = express.Router();
  api.use(express.json({ limit: BODY_LIMIT, verify: refuseUnreasonableJson }));
  api.use(deps.auth.identify);
  mountRoutes(api, deps.routes, deps.auth.csrf.protect);
  api.use(() => {
    throw new AppError('NOT_FOUND');
  });
  app.use(API_BASE, api);
  if (deps.queueDashboard) app.use(QUEUE_DASHBOARD_PATH, deps.queueDashboard);

  if (deps.frontendDist && existsSync(path.join(deps.frontendDist, 'index.html'))) {
    const dist = deps.frontendDist;
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|healthz|readyz|metrics).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  }

  app.use(errorHandler(deps.logger));
  return app;
}

/**
 * Runs on the raw body before JSON.parse: JSON between systems is UTF-8 (RFC 8259), and nesting
 * beyond MAX_JSON_DEPTH only serves to exhaust the parser or the code behind it.
 */
function refuseUnreasonableJson(_req: unknown, _res: unknown, body: Buffer, encoding: string): void {
  if (encoding !== 'utf-8') throw new AppError('VALIDATION_FAILED', [{ path: 'body', message: 'body.notUtf8' }]);
  if (nestingExceeds(body, MAX_JSON_DEPTH)) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'body', message: 'body.tooDeep' }]);
  }
}

/** Whether arrays and objects nest deeper than `max`, counting brackets outside strings (UTF-8 bytes). */
function nestingExceeds(json: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      // A backslash escapes the next byte.
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Maps every error to the contract's `{ error: { code, message, details? } }`, in the caller's language. */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    const lang = languageOf(req.headers['accept-language']);
    if (appError.status >= 500)
      logger.error({ err, method: req.method, path: req.originalUrl.split('?')[0] }, 'request failed');
    if (appError.retryAfter) res.setHeader('Retry-After', String(appError.retryAfter));
    res.status(appError.status).json({
      error: {
        code: appError.code,
        message: errorMessage(appError.code, lang),
        ...(appError.details
          ? {
              details: appError.details.map((d) => ({
                path: d.path,
                message: fieldMessage(d.message, lang, d.params),
              })),
            }
          : {}),
      },
    });
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; code?: string; message?: string };
  // body-parser's errors: too large, and malformed JSON.
  if (e.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE');
  if (e.type === 'entity.parse.failed') {
    return new AppError('VALIDATION_FAILED', [{ path: 'body', message: 'Malformed JSON' }]);
  }
  // The rest of body-parser's client errors: an unsupported charset or Content-Encoding, an aborted body.
  if (e.type && e.status !== undefined && e.status < 500) {
    return new AppError('VALIDATION_FAILED', [{ path: 'body', message: 'body.unreadable' }]);
  }
  if (isUnavailable(err)) return new AppError('SERVICE_UNAVAILABLE', undefined, 5);
  return new AppError('INTERNAL');
}

/** Compares a secret in constant time, so response timing does not reveal how much of a guess was right. */
function sameSecret(expected: Buffer, given: string | undefined): boolean {
  const candidate = Buffer.from(given ?? '');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}
