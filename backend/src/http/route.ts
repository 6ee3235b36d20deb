import type { Request, Response, Router } from 'express';
import type { z, ZodType } from 'zod';
import type { Actor, Role } from '../access/roles';
import { AppError, type ErrorCode } from './errors';
import { fieldMessage, languageOf, zodErrorMap, type Language } from './messages';
import { textIssues } from './text';

/**
 * Who may call a route. Every route states one explicitly; data scope (institution,
 * county, own records) is then checked by the service with the actor it receives.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Infer<S> = S extends ZodType ? z.output<S> : undefined;
/** What a handler answers: the `response` schema's shape when the route has one (the compiler holds it to it). */
type Answer<R> = R extends ZodType ? z.output<R> : unknown;

export interface HandlerInput<A extends Access, B, Q, P> {
  actor: A extends 'public' ? Actor | null : Actor;
  body: Infer<B>;
  query: Infer<Q>;
  params: Infer<P>;
  lang: Language;
  req: Request;
  res: Response;
}

export interface RouteDef<
  A extends Access = Access,
  B extends ZodType | undefined = ZodType | undefined,
  Q extends ZodType | undefined = ZodType | undefined,
  P extends ZodType | undefined = ZodType | undefined,
  R extends ZodType | undefined = ZodType | undefined,
> {
  method: Method;
  /** Express-style path below /api/v1, e.g. `/institutions/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  /** Cookie-session writes need the CSRF token unless the route takes no session at all. */
  csrfExempt?: boolean;
  /** Open to an account that must change its password first (sign-in, me, logout, the change itself). */
  beforePasswordChange?: boolean;
  body?: B;
  query?: Q;
  params?: P;
  /** Success status: by default 200 with a body (`response` or `produces`), else 204. */
  status?: number;
  /** The JSON body of a success, as the OpenAPI document shows it. */
  response?: R;
  /** A success body other than JSON, by media type (an event stream, a file). */
  produces?: Readonly<Record<string, ZodType>>;
  /** Errors the handler can answer beyond those its access, input and params imply (http/openapi). */
  errors?: readonly ErrorCode[];
  handler(input: HandlerInput<A, B, Q, P>): Promise<Answer<R>>;
}

/** Identity function that gives handlers typed input. */
export function defineRoute<
  A extends Access,
  B extends ZodType | undefined = undefined,
  Q extends ZodType | undefined = undefined,
  P extends ZodType | undefined = undefined,
  R extends ZodType | undefined = undefined,
>(route: RouteDef<A, B, Q, P, R>): RouteDef {
  return route as unknown as RouteDef;
}

/** Whom the route acts for (null: a visitor), or why it refuses. */
function authorize(route: RouteDef, actor: Actor | null): Actor | null {
  const { access } = route;
  // A reset password is the admin's: until its owner replaces it, it opens nothing of the account's
  // own — what is public it sees as a visitor does.
  if (actor?.mustChangePassword && !route.beforePasswordChange) {
    if (access === 'public') return null;
    throw new AppError('PASSWORD_CHANGE_REQUIRED');
  }
  if (access === 'public') return actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (access !== 'authenticated' && !access.includes(actor.role)) throw new AppError('FORBIDDEN');
  return actor;
}

/**
 * The one validation step: `input` against `schema` and every string in it against the platform's
 * text rule (http/text), or a 400 naming each bad field. Routes run it on their body, query
 * and params; a handler runs it again where the schema depends on a parameter.
 */
export function parseInput(schema: ZodType | undefined, input: unknown, where: string, lang: Language): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input ?? {}, { error: zodErrorMap(lang) });
  const issues = [...(result.success ? [] : result.error.issues), ...textIssues(schema, input)];
  if (result.success && issues.length === 0) return result.data;
  throw new AppError(
    'VALIDATION_FAILED',
    issues.map((issue) => ({
      path: issue.path.length ? issue.path.join('.') : where,
      message: fieldMessage(issue.message, lang),
    })),
  );
}

export function mountRoutes(router: Router, routes: readonly RouteDef[], protectCsrf: (req: Request) => void): void {
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      if (!route.csrfExempt) protectCsrf(req);
      const actor = authorize(route, req.user ?? null);
      const lang = languageOf(req.headers['accept-language']);
      const result = await route.handler({
        actor: actor as Actor,
        body: parseInput(route.body, req.body, 'body', lang),
        query: parseInput(route.query, req.query, 'query', lang),
        params: parseInput(route.params, req.params, 'params', lang),
        lang,
        req,
        res,
      });
      if (!res.headersSent) {
        if (result === undefined) res.status(route.status ?? 204).end();
        else res.status(route.status ?? 200).json(result);
      }
    });
  }
}
