import type { Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import RedisStore from 'connect-redis';
import { csrfSync } from 'csrf-sync';
import passport from 'passport';
import { Strategy as BearerStrategy, type VerifyFunctionWithRequest } from 'passport-http-bearer';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { AppError } from '../http/errors';
import type { Redis } from '../queue/redis';
import { createActorCache } from './actor-cache';
import { announceEnded, sessionCredential, tokenCredential, type Credential } from './credentials';
import type { LoginLimiter } from './login-limiter';
import type { Actor } from '../access/roles';
import { actorForToken, authenticate, findActiveActor, hashToken } from './service';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // passport puts the signed-in actor on req.user.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends Actor {}
    interface Request {
      /** True when the caller authenticated with a bearer token (no cookie, so no CSRF). */
      viaBearer?: boolean;
      /** The session or token the caller signed in with. */
      credential?: Credential;
    }
  }
}

export const SESSION_COOKIE = 'lcfin.sid';
/** How long this process reuses a resolved actor; a changed account is dropped sooner (actor-cache.ts). */
const ACTOR_TTL_MS = 5_000;

/**
 * Cookie sessions kept in Redis (they survive API restarts), passport on top,
 * bearer tokens for scripted clients. Each request is resolved to an active actor or none.
 */
export function createAuthenticator(deps: { db: Database; redis: Redis; config: Config; loginLimiter: LoginLimiter }) {
  const { db, redis, config, loginLimiter } = deps;
  const actors = createActorCache({
    redis,
    redisUrl: config.REDIS_URL,
    prefix: config.REDIS_PREFIX,
    ttlMs: ACTOR_TTL_MS,
  });
  const authenticator = new passport.Passport();
  authenticator.serializeUser<string>((user, done) => done(null, (user as Actor).id));
  authenticator.deserializeUser<string>((id, done) => {
    // A disabled account's sessions stop working at once: it no longer deserialises.
    actors
      .resolve(`user:${id}`, async () => {
        const actor = await findActiveActor(db, id);
        return actor && { actor };
      })
      .then((resolved) => done(null, resolved?.actor ?? false), done);
  });
  authenticator.use(
    new LocalStrategy({ passReqToCallback: true }, (req, username, password, done) => {
      checkPassword(req.ip ?? req.socket.remoteAddress ?? 'unknown', username, password).then(
        (actor) => done(null, actor),
        done,
      );
    }),
  );
  authenticator.use(
    new BearerStrategy<VerifyFunctionWithRequest>({ passReqToCallback: true }, (req, token, done) => {
      const tokenHash = hashToken(token);
      actors
        .resolve(`token:${tokenHash}`, () => actorForToken(db, tokenHash))
        .then((resolved) => {
          if (!resolved) return done(null, false);
          req.credential = {
            key: tokenCredential(tokenHash),
            userId: resolved.actor.id,
            expiresAt: resolved.expiresAt,
          };
          done(null, resolved.actor);
        }, done);
    }),
  );

  const sessions = session({
    name: SESSION_COOKIE,
    store: new RedisStore({ client: redis, prefix: `${config.REDIS_PREFIX}:sess:` }),
    secret: config.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.COOKIE_SECURE === 'auto' ? 'auto' : config.COOKIE_SECURE === 'true',
      maxAge: config.SESSION_TTL_HOURS * 3600_000,
    },
  });

  /** Every session an account signed in with, so that disabling the account can end them all. */
  const sessionsOf = (userId: string) => `${config.REDIS_PREFIX}:sessions-of:${userId}`;
  const sessionKey = (sessionId: string) => `${config.REDIS_PREFIX}:sess:${sessionId}`;

  /** Signs the actor in on this request's session, which passport regenerates first (no fixation). */
  async function startSession(req: Request, actor: Actor): Promise<void> {
    await new Promise<void>((resolve, reject) => req.login(actor, (err) => (err ? reject(err) : resolve())));
    const key = sessionsOf(actor.id);
    // Sessions that ended by themselves (logout, expiry) leave the index here.
    const known = await redis.smembers(key);
    const alive = await Promise.all(known.map((id) => redis.exists(sessionKey(id))));
    const ended = known.filter((_, i) => alive[i] === 0);
    const update = redis.multi();
    if (ended.length) update.srem(key, ...ended);
    await update.sadd(key, req.sessionID).exec();
  }

  /**
   * Ends everything an account signed in with — call after disabling it or changing its password,
   * with its tokens deleted in that transaction (`deleteTokensOf`): its cookies lead nowhere, even
   * once it is re-enabled, no API process serves it from memory, and its live streams close.
   */
  async function endAccess(userId: string): Promise<void> {
    const key = sessionsOf(userId);
    const ids = await redis.smembers(key);
    await redis.del(key, ...ids.map(sessionKey));
    await actors.accountChanged(userId);
    await announceEnded(redis, config.REDIS_PREFIX, { userId });
  }

  /** Signs the request's session out (logout); the streams it opened close. */
  async function endSession(req: Request): Promise<void> {
    const sessionId = req.sessionID;
    await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err) : resolve())));
    await new Promise<void>((resolve) => (req.session ? req.session.destroy(() => resolve()) : resolve()));
    await announceEnded(redis, config.REDIS_PREFIX, { key: sessionCredential(sessionId) });
  }

  /** After a token was deleted: no API process serves it from memory, and its streams close. */
  async function tokenRevoked(userId: string, tokenHash: string): Promise<void> {
    await actors.accountChanged(userId);
    await announceEnded(redis, config.REDIS_PREFIX, { key: tokenCredential(tokenHash) });
  }

  /** Password check behind the brute-force guard (per account and per IP). */
  async function checkPassword(ip: string, rawUsername: string, password: string): Promise<Actor> {
    const username = rawUsername.trim().toLowerCase();
    await loginLimiter.check(username, ip);
    try {
      const actor = await authenticate(db, username, password);
      await loginLimiter.recordSuccess(username, ip);
      return actor;
    } catch (err) {
      if (err instanceof AppError && err.code === 'INVALID_CREDENTIALS') await loginLimiter.recordFailure(username, ip);
      throw err;
    }
  }

  /** Runs passport's local strategy on the request body; the caller decides about the session. */
  function verifyPassword(req: Request, res: Response): Promise<Actor> {
    return new Promise((resolve, reject) => {
      authenticator.authenticate('local', { session: false }, (err: unknown, actor: Actor | false) => {
        if (err) reject(err);
        else if (!actor) reject(new AppError('INVALID_CREDENTIALS'));
        else resolve(actor);
      })(req, res, reject);
    });
  }

  /** Bearer requests skip the session entirely; everything else goes through it. */
  const identify: RequestHandler = (req, res, next) => {
    if (req.headers.authorization?.startsWith('Bearer ')) {
      req.viaBearer = true;
      authenticator.authenticate('bearer', { session: false }, (err: unknown, actor: Actor | false) => {
        if (err) return next(err);
        if (!actor) return next(new AppError('UNAUTHENTICATED'));
        req.user = actor;
        next();
      })(req, res, next);
      return;
    }
    // Anonymous reads (the public catalog) need no session; creating one per request is wasted work.
    // GET /auth/csrf is the exception: it starts the session that will hold the token.
    const hasSessionCookie = req.headers.cookie?.includes(`${SESSION_COOKIE}=`) ?? false;
    if (!hasSessionCookie && (req.method === 'GET' || req.method === 'HEAD') && req.path !== '/auth/csrf') {
      return next();
    }
    sessions(req, res, (err?: unknown) => {
      if (err) return next(err);
      authenticator.session()(req, res, (failed?: unknown) => {
        if (!failed && req.user) {
          const expiresAt = req.session.cookie.expires ?? undefined;
          req.credential = { key: sessionCredential(req.sessionID), userId: req.user.id, expiresAt };
        }
        next(failed);
      });
    });
  };

  return {
    identify,
    verifyPassword,
    startSession,
    endSession,
    endAccess,
    tokenRevoked,
    checkPassword,
    csrf: createCsrf(),
    /** Call after changing an account (status, counties served): no process keeps serving the old one. */
    accountChanged: actors.accountChanged,
    close: actors.close,
  };
}

function createCsrf() {
  const { generateToken, isRequestValid } = csrfSync({
    getTokenFromRequest: (req) => req.headers['x-csrf-token'] as string | undefined,
    size: 32,
  });
  const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
  /** Cookie-session writes must carry the token from GET /auth/csrf; bearer requests carry no cookie. */
  const protect = (req: Request): void => {
    if (req.viaBearer || !UNSAFE.has(req.method)) return;
    if (!isRequestValid(req)) throw new AppError('CSRF_TOKEN_INVALID');
  };
  return { generateToken, protect };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
