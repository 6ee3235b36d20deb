import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router, type Request, type RequestHandler } from 'express';
import { AppError } from '../http/errors';
import type { Queues } from '../queue/queues';
import { QUEUE_DASHBOARD_PATH } from './paths';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether a write was sent by a page of this origin. bull-board's own bundle makes its calls and
 * cannot send the app's CSRF token, so its writes are held to what browsers state themselves and
 * no other site can forge (OWASP's origin verification): `Sec-Fetch-Site: same-origin` where the
 * browser sends fetch metadata, else an `Origin` equal to this host. A write stating neither is
 * refused too. The session cookie (SameSite=Lax) is a second line: cross-site writes arrive without it.
 */
export function sentBySameOrigin(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = req.headers.origin;
  return origin !== undefined && origin === `${req.protocol}://${req.get('host') ?? ''}`;
}

/**
 * The waiting, delayed, active, failed and completed jobs of every platform queue, with retry, for
 * the platform admin alone: guests are sent to sign in (a page) or answered 401 (its calls), other
 * roles 403. `identify` resolves the caller as for the API (session cookie or bearer token).
 */
export function queueDashboard(deps: { queues: Queues; identify: RequestHandler }): Router {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  const { domainEvents, streamEvents, slaTimers } = deps.queues;
  createBullBoard({
    queues: [domainEvents, streamEvents, slaTimers].map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: {
      uiConfig: {
        boardTitle: '任务队列 · Job queues',
        locale: { lng: 'zh-CN' },
        // The board's docs link points off-site, and the page would load its fonts from Google (blocked by the CSP).
        hideDocsLink: true,
      },
    },
  });

  const router = Router();
  router.use(deps.identify);
  router.use((req, res, next) => {
    if (!req.user) {
      if (req.method === 'GET' && req.accepts(['json', 'html']) === 'html') return res.redirect('/login');
      throw new AppError('UNAUTHENTICATED');
    }
    if (req.user.role !== 'admin') throw new AppError('FORBIDDEN');
    if (UNSAFE.has(req.method) && !req.viaBearer && !sentBySameOrigin(req)) throw new AppError('CSRF_TOKEN_INVALID');
    next();
  });
  router.use(board.getRouter() as RequestHandler);
  return router;
}
