import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles';
import { API, createTestPlatform, type TestPlatform } from '../testing/platform';

/**
 * Who may reach each route, written down independently of the route table so that a wrong
 * declaration fails here. A route missing from this table fails the first test.
 */
const ALL: readonly Role[] = ['enterprise', 'individual', 'officer', 'institution_admin', 'bureau', 'admin'];
const EXPECTED: Record<string, 'public' | readonly Role[]> = {
  'get /auth/csrf': 'public',
  'post /auth/register': 'public',
  'post /auth/login': 'public',
  'post /auth/logout': ALL,
  'get /auth/me': ALL,
  'post /auth/tokens': 'public',
  'get /accounts': ['admin'],
  'post /accounts': ['admin'],
  'post /accounts/:id/disable': ['admin'],
  'get /regions': 'public',
  'get /institutions': 'public',
  'get /institutions/:id': 'public',
  'post /institutions': ['admin'],
  'get /notifications': ALL,
  'patch /institutions/:id': ['institution_admin', 'admin'],
  'get /institutions/:id/officers': ['institution_admin', 'admin'],
  'post /institutions/:id/officers': ['institution_admin', 'admin'],
  'patch /institutions/:id/officers/:officerId': ['institution_admin', 'admin'],
  'get /institutions/:id/products': ['institution_admin', 'admin'],
  'get /products': 'public',
  'get /products/:id': 'public',
  'post /products': ['institution_admin'],
  'patch /products/:id': ['institution_admin'],
  'post /products/:id/list': ['institution_admin'],
  'post /products/:id/delist': ['institution_admin'],
  'get /products/:id/history': ['institution_admin', 'admin'],
  'post /loan-requests': ['enterprise', 'individual'],
  'get /loan-requests': ALL,
  'get /loan-requests/:id': ALL,
  'get /loan-requests/:id/timeline': ALL,
  'get /pool': ['officer'],
  'post /loan-requests/:id/claim': ['officer'],
  'post /loan-requests/:id/transition': ['officer'],
  'post /loan-requests/:id/cancel': ['enterprise', 'individual'],
  'post /loan-requests/:id/reopen': ['enterprise', 'individual'],
  'get /stream': ALL,
  'post /loan-requests/:id/assign': ['bureau'],
  'get /sla/policy': 'public',
  'put /sla/policy': ['admin'],
  'get /sla/preview': 'public',
};

const DEMO_ACCOUNT_OF: Record<Role, string> = {
  enterprise: 'ent.demo',
  individual: 'ind.demo',
  officer: 'officer.lcrcb',
  institution_admin: 'inst.lcrcb',
  bureau: 'bureau.guanxian',
  admin: 'admin',
};

let t: TestPlatform;
const tokens = new Map<Role, string>();
/** Institution routes are called on the demo institution admin's own institution (own tenant). */
let ownInstitutionId: string;
beforeAll(async () => {
  t = await createTestPlatform();
  ownInstitutionId = (await t.signIn('inst.lcrcb')).user.institutionId!;
  for (const role of ALL) {
    const res = await t.api.post(`${API}/auth/tokens`).send({ username: DEMO_ACCOUNT_OF[role], password: 'demo1234' });
    tokens.set(role, res.body.token);
  }
});
afterAll(async () => {
  await t?.close();
});

function call(method: string, path: string, token?: string) {
  // Other parameters get a well-formed id nobody has: allowed callers reach the handler and get 404/400.
  const url = `${API}${path.replace('/institutions/:id', `/institutions/${ownInstitutionId}`).replace(/:(\w+)/g, () => randomUUID())}`;
  const req = t.api[method as 'get' | 'post' | 'patch' | 'put'](url);
  if (token) req.set('Authorization', `Bearer ${token}`);
  // The event stream never ends by itself: take the status, then hang up.
  if (path === '/stream') {
    return req.buffer(false).parse((res, done) => {
      done(null, {});
      (res as unknown as { destroy(): void }).destroy();
    });
  }
  return method === 'get' ? req : req.send({});
}

describe('authorization of every route', () => {
  it('has an expectation for every route and a route for every expectation', () => {
    const declared = t.platform.routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(declared).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = Object.entries(EXPECTED).flatMap(([route, allowed]) =>
    ALL.map((role) => [route, role, allowed === 'public' || allowed.includes(role)] as const),
  );

  it.each(cases)('%s as %s → allowed: %s', async (route, role, allowed) => {
    const [method, path] = route.split(' ') as [string, string];
    const res = await call(method, path, tokens.get(role));
    if (allowed) expect([401, 403]).not.toContain(res.status);
    else {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  it.each(Object.entries(EXPECTED).filter(([, allowed]) => allowed !== 'public'))(
    '%s refuses anonymous callers with 401',
    async (route) => {
      const [method, path] = route.split(' ') as [string, string];
      // Bearer-less, cookie-less writes fail CSRF first (403); reads must say 401.
      const res = await call(method, path);
      expect(method === 'get' ? [401] : [401, 403]).toContain(res.status);
    },
  );
});
