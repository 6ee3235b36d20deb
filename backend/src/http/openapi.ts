import { OpenApiGeneratorV3, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from './zod';
import type { RouteDef } from './route';

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** The OpenAPI document, generated from the same route table and zod schemas that validate requests. */
export function buildOpenApiDocument(routes: readonly RouteDef[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'lcfin.sid' });
  for (const route of routes) {
    const status = route.status ?? (route.response ? 200 : 204);
    registry.registerPath({
      method: route.method,
      path: route.path.replace(/:(\w+)/g, '{$1}'),
      summary: route.summary,
      tags: [route.tag],
      description: `Access: ${describeAccess(route)}`,
      security: route.access === 'public' ? [] : [{ session: [] }, { bearer: [] }],
      request: {
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
      },
      responses: {
        [status]: route.response
          ? { description: 'OK', content: { 'application/json': { schema: route.response } } }
          : { description: 'OK' },
        default: { description: 'Error', content: { 'application/json': { schema: ErrorBody } } },
      },
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
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
