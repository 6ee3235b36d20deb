import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { Authenticator } from '../auth/session';
import type { Logger } from '../logger';
import type { Metrics } from '../ops/metrics';
import { CalendarDataMissingError } from '../sla/working-time';
import { AppError } from './errors';
import { errorMessage, fieldMessage, languageOf } from './messages';
import { buildOpenApiDocument } from './openapi';
import { mountRoutes, type RouteDef } from './route';

export const API_BASE = '/api/v1';
const BODY_LIMIT = '100kb';

export interface AppDeps {
  routes: readonly RouteDef[];
  auth: Authenticator;
  metrics: Metrics;
  logger: Logger;
  trustProxy: string;
  /** Readiness: resolves when the database and Redis answer. */
  checkReady(): Promise<void>;
  /** The built web app (frontend/dist), served with SPA fallback when present. */
  frontendDist?: string | undefined;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.set('trust proxy', deps.trustProxy);
  app.disable('x-powered-by');
  // ETags would hash every JSON body (catalog pages are ~15 KB) for clients that never revalidate.
  app.set('etag', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // antd writes its styles at run time (CSS-in-JS).
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  // Request logs are written at info; below that level the per-request logger is pure overhead.
  if (deps.logger.isLevelEnabled('info')) {
    app.use(pinoHttp({ logger: deps.logger, autoLogging: { ignore: (req) => req.url === '/healthz' } }));
  }
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
  app.get('/metrics', async (_req, res) => {
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
  api.use(express.json({ limit: BODY_LIMIT }));
  api.use(deps.auth.identify);
  mountRoutes(api, deps.routes, deps.auth.csrf.protect);
  api.use(() => {
    throw new AppError('NOT_FOUND');
  });
  app.use(API_BASE, api);

  if (deps.frontendDist && existsSync(path.join(deps.frontendDist, 'index.html'))) {
    const dist = deps.frontendDist;
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|healthz|readyz|metrics).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  }

  app.use(errorHandler(deps.logger));
  return app;
}

/** Maps every error to the contract's `{ error: { code, message, details? } }`, in the caller's language. */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    const lang = languageOf(req.headers['accept-language']);
    if (appError.status >= 500) (req.log ?? logger).error({ err }, 'request failed');
    if (appError.retryAfter) res.setHeader('Retry-After', String(appError.retryAfter));
    res.status(appError.status).json({
      error: {
        code: appError.code,
        message: errorMessage(appError.code, lang),
        ...(appError.details
          ? { details: appError.details.map((d) => ({ path: d.path, message: fieldMessage(d.message, lang) })) }
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
  if (err instanceof CalendarDataMissingError) return new AppError('CALENDAR_UNAVAILABLE');
  if (isUnavailable(err)) return new AppError('SERVICE_UNAVAILABLE', undefined, 5);
  return new AppError('INTERNAL');
}

/** Lost database or Redis connections are the platform being unavailable, not a bug. */
function isUnavailable(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown; name?: string } | undefined; e; e = e.cause as typeof e) {
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03'].includes(e.code ?? '')) return true;
    if (e.name === 'MaxRetriesPerRequestError') return true;
  }
  return false;
}
