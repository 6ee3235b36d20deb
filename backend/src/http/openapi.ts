import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { AppError, type ErrorCode } from './errors';
import { ErrorBody } from './views';
import { z } from './zod';
import type { RouteDef } from './route';

const errorContent = { 'application/json': { schema: ErrorBody } };

/** The OpenAPI document, generated from the same route table and zod schemas that validate requests. */
export function buildOpenApiDocument(routes: readonly RouteDef[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'lcfin.sid' });
  for (const route of routes) {
    registry.registerPath({
      method: route.method,
      path: route.path.replace(/:(\w+)/g, '{$1}'),
      operationId: operationIdOf(route),
      summary: route.summary,
      tags: [route.tag],
      description: `Access: ${describeAccess(route)}`,
      security: route.access === 'public' ? [] : [{ session: [] }, { bearer: [] }],
      request: {
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
      },
      responses: responsesOf(route),
    });
  }
  // 3.1: its schemas are JSON Schema, so null and "any JSON value" (z.unknown) are expressed exactly.
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: '市县一体金融服务平台 API',
      version: '1.0.0',
      description: 'Liaocheng city–county integrated financial service platform. Base path /api/v1.',
    },
    servers: [{ url: '/api/v1' }],
  });
}

function describeAccess(route: RouteDef): string {
  if (route.access === 'public') return 'public';
  if (route.access === 'authenticated') return 'any signed-in user';
  return `roles ${route.access.join(', ')}`;
}

/** `get /loan-requests/:id/timeline` → `getLoanRequestsByIdTimeline`: unique, as method and path are. */
function operationIdOf(route: RouteDef): string {
  const words = route.path
    .split(/[/-]/)
    .filter(Boolean)
    .map((word) => (word.startsWith(':') ? `By${capitalize(word.slice(1))}` : capitalize(word)));
  return route.method + words.join('');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The errors a route can answer: those its shape implies (input it validates, its access rule, the
 * CSRF check on cookie-session writes, an id it looks up, a body's size) and those it declares.
 * 5xx (INTERNAL, SERVICE_UNAVAILABLE) can happen anywhere and are documented once, as `default`.
 */
export function errorsOf(route: RouteDef): ErrorCode[] {
  const implied: [ErrorCode, boolean][] = [
    ['VALIDATION_FAILED', !!(route.body ?? route.query ?? route.params)],
    ['UNAUTHENTICATED', route.access !== 'public'],
    ['FORBIDDEN', typeof route.access !== 'string'],
    ['CSRF_TOKEN_INVALID', route.method !== 'get' && !route.csrfExempt],
    ['NOT_FOUND', !!route.params],
    ['PAYLOAD_TOO_LARGE', !!route.body],
  ];
  const codes = implied.filter(([, applies]) => applies).map(([code]) => code);
  return [...new Set([...codes, ...(route.errors ?? [])])];
}

function responsesOf(route: RouteDef) {
  const content = {
    ...(route.response ? { 'application/json': { schema: route.response } } : {}),
    ...Object.fromEntries(Object.entries(route.produces ?? {}).map(([type, schema]) => [type, { schema }])),
  };
  const hasBody = Object.keys(content).length > 0;
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorsOf(route)) {
    const status = new AppError(code).status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return {
    [route.status ?? (hasBody ? 200 : 204)]: hasBody ? { description: 'OK', content } : { description: 'No content' },
    ...Object.fromEntries(
      [...byStatus].map(([status, codes]) => [status, { description: codes.join(', '), content: errorContent }]),
    ),
    default: { description: 'INTERNAL (500), SERVICE_UNAVAILABLE (503)', content: errorContent },
  };
}
