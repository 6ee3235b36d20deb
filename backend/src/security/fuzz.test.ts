import type { Server } from 'node:http';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREEMENT_VERSION } from '../auth/agreements';
import type { Role } from '../access/roles';
import { users } from '../auth/schema';
import { products } from '../catalog/schema';
import { MAX_JSON_DEPTH } from '../app';
import type { RouteDef } from '../http/route';
import { z } from '../http/zod';
import { institutions } from '../institutions/schema';
import { notifications } from '../notifications/schema';
import { regions } from '../reference/schema';
import { openInPool } from '../requests/matcher';
import { loanRequests } from '../requests/schema';
import { slaStages } from '../requests/schema';
import { urges } from '../supervision/schema';
import { API, createTestPlatform, type TestPlatform } from '../testing/platform';

/**
 * Property-based fuzzing of every write route in the route table (a new one is fuzzed without
 * touching this file): bodies drawn from the route's own schema, then bent (a field replaced by
 * any JSON value) or replaced by arbitrary JSON or text; path ids drawn from real records, random
 * UUIDs and junk; callers of every role the route admits. Whatever arrives, the answer is a
 * success or one of the contract's 4xx with its error code — never a 5xx.
 */
const TOTAL_CASES = 10_000;

/** The contract's client errors (shared spec), written out independently of http/errors.ts. */
const CONTRACT_ERRORS: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  NOT_ELIGIBLE: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  ALREADY_CLAIMED: 409,
  TOO_MANY_TOKENS: 409,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_STATE: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
};

const CALLER_OF: Record<Role, string> = {
  enterprise: 'ent.demo',
  individual: 'ind.demo',
  officer: 'officer.lcrcb',
  institution_admin: 'inst.lcrcb',
  bureau: 'bureau.city',
  admin: 'admin',
};
const ROLES = Object.keys(CALLER_OF) as Role[];

let t: TestPlatform;
let server: Server;
const tokens = new Map<Role, string>();
/** Ids of real records of every kind, so that fuzzed calls get past "not found". */
let realIds: string[] = [];
/** Strings the platform knows (county codes, usernames, the demo password), so that fuzzed fields sometimes fit. */
let knownStrings: string[] = [];
let casesRun = 0;

beforeAll(async () => {
  t = await createTestPlatform();
  // One listening server for the whole file: supertest would otherwise start one per request.
  server = t.platform.app.listen(0);
  for (const role of ROLES) {
    const res = await supertest(server)
      .post(`${API}/auth/tokens`)
      .send({ username: CALLER_OF[role], password: 'demo1234' });
    tokens.set(role, res.body.token);
  }
  // A few requests in the pool, one of them claimed, so that request routes meet real ones.
  const request = {
    amount: 300_000,
    termMonths: 12,
    purpose: '购买设备',
    collateral: 'credit',
    county: '371502',
    industry: 'C',
  };
  for (let i = 0; i < 3; i++) {
    const res = await supertest(server)
      .post(`${API}/loan-requests`)
      .set('Authorization', `Bearer ${tokens.get('enterprise')}`)
      .send(request)
      .expect(201);
    await openInPool(t.platform, res.body.id);
  }
  const db = t.platform.db;
  const callers = new Set(Object.values(CALLER_OF));
  const ids = await Promise.all([
    db.select({ id: products.id }).from(products),
    db.select({ id: loanRequests.id }).from(loanRequests),
    db.select({ id: institutions.id }).from(institutions).limit(10),
    // Not the callers themselves: disabling them would end the fuzzing early.
    db
      .select({ id: users.id, username: users.username })
      .from(users)
      .then((rows) => rows.filter((u) => !callers.has(u.username))),
    db.select({ id: slaStages.id }).from(slaStages),
    db.select({ id: urges.id }).from(urges),
    db.select({ id: notifications.id }).from(notifications),
  ]);
  realIds = ids.flat().map((r) => r.id);
  const counties = await db.select({ code: regions.code }).from(regions);
  knownStrings = [...counties.map((r) => r.code), ...Object.values(CALLER_OF), 'demo1234'];
});
afterAll(async () => {
  server?.close();
  await t?.close();
});

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
};

/** Values a JSON schema (zod's input side) describes; refinements it cannot express are left to chance. */
function valuesOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(valuesOf));
  if (schema.allOf?.length) return valuesOf(schema.allOf[0]!);
  switch (Array.isArray(schema.type) ? schema.type[0] : schema.type) {
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, valuesOf(s)]));
      return fc.record(properties, { requiredKeys: schema.required ?? [] });
    }
    case 'array':
      return fc.array(schema.items ? valuesOf(schema.items) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'string':
      if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...realIds), fc.uuid());
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      return fc.oneof(
        schema.pattern
          ? fc.stringMatching(new RegExp(schema.pattern))
          : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 60) }),
        fc.constantFrom(...knownStrings),
      );
    case 'integer': {
      const min = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : schema.minimum;
      const max = schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : schema.maximum;
      const lo = Math.max(min ?? -1e9, -1e15);
      const hi = Math.min(max ?? 1e9, 1e15);
      // Amounts and terms the catalog covers are small next to the schema's bounds: draw those often too.
      return fc.oneof(
        fc.integer({ min: lo, max: hi }),
        fc.integer({ min: lo, max: Math.min(hi, Math.max(lo, 0) + 1_000_000) }),
      );
    }
    case 'number': {
      const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e6;
      const max = schema.maximum ?? schema.exclusiveMaximum ?? 1e6;
      if (schema.multipleOf) {
        const step = schema.multipleOf;
        return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((n) => n * step);
      }
      return fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/** Mostly well-formed bodies, some with one field bent, some anything at all, some not JSON. */
function bodiesOf(route: RouteDef): fc.Arbitrary<{ json?: unknown; raw?: string }> {
  const anything = fc.jsonValue({ maxDepth: 4 });
  const junk = fc.oneof(
    { weight: 4, arbitrary: anything.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((raw) => ({ raw })) },
  );
  if (!route.body) return junk;
  const schema = z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const wellFormed = valuesOf(schema);
  const bent = fc.tuple(wellFormed, fc.string({ maxLength: 12 }), anything).map(([value, key, replacement]) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return replacement;
    const keys = Object.keys(value);
    const field = keys.length ? keys[key.length % keys.length]! : key;
    return { ...value, [field]: replacement };
  });
  return fc.oneof(
    { weight: 6, arbitrary: wellFormed.map((json) => ({ json })) },
    { weight: 3, arbitrary: bent.map((json) => ({ json })) },
    { weight: 1, arbitrary: junk },
  );
}

/** Path parameters: a real record's id, any UUID, or junk. */
const pathValues = () =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...realIds) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent) },
  );

const printable = fc.stringMatching(/^[\x20-\x7e]{0,120}$/);

function callersOf(route: RouteDef): fc.Arbitrary<Role> {
  const roles = route.access === 'public' || route.access === 'authenticated' ? ROLES : [...route.access];
  return fc.constantFrom(...roles);
}

const writeRoutes = () => t.platform.routes.filter((r) => r.method !== 'get');

function send(route: RouteDef, path: string, role: Role, body: { json?: unknown; raw?: string }) {
  const req = supertest(server)
    [route.method](`${API}${path}`)
    .set('Authorization', `Bearer ${tokens.get(role)}`);
  // Sent as text, so that any JSON value (a bare number, null) goes out as it is.
  return req.set('Content-Type', 'application/json').send(body.raw ?? JSON.stringify(body.json));
}

function expectContractAnswer(res: { status: number; body: { error?: { code?: string } } }, what: string) {
  if (res.status < 400) {
    expect(res.status, what).toBeGreaterThanOrEqual(200);
    return;
  }
  const code = res.body.error?.code ?? '(none)';
  expect(CONTRACT_ERRORS[code], `${what} → ${res.status} ${code}`).toBe(res.status);
}

describe('fuzzing every write route', () => {
  it('has write routes to fuzz and real ids to fuzz them with', () => {
    expect(writeRoutes().length).toBeGreaterThan(20);
    expect(realIds.length).toBeGreaterThan(20);
  });

  it('answers every fuzzed call with a success or a contract 4xx, never a 5xx', { timeout: 600_000 }, async () => {
    const routes = writeRoutes();
    const runsEach = Math.ceil(TOTAL_CASES / routes.length);
    for (const route of routes) {
      const params = (route.path.match(/:\w+/g) ?? []).map(() => pathValues());
      await fc.assert(
        fc.asyncProperty(
          callersOf(route),
          fc.tuple(...params),
          bodiesOf(route),
          fc.option(printable),
          fc.constantFrom('zh-CN', 'en'),
          async (role, ids, body, idempotencyKey, lang) => {
            let i = 0;
            const path = route.path.replace(/:\w+/g, () => ids[i++] as string);
            const req = send(route, path, role, body).set('Accept-Language', lang);
            if (idempotencyKey !== null) req.set('Idempotency-Key', idempotencyKey);
            const res = await req;
            casesRun++;
            expectContractAnswer(res, `${route.method} ${path} as ${role} with ${JSON.stringify(body).slice(0, 300)}`);
          },
        ),
        { numRuns: runsEach },
      );
    }
    expect(casesRun).toBeGreaterThanOrEqual(TOTAL_CASES);
  });
});

describe('bodies no route should have to read', () => {
  const nested = (depth: number, open: string, close: string, inner = '1') =>
    open.repeat(depth) + inner + close.repeat(depth);

  it('refuses an oversized body on every write route with 413', async () => {
    for (const route of writeRoutes()) {
      const res = await send(route, route.path, 'admin', { json: { name: 'x'.repeat(200_000) } });
      expect(res.status, route.path).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('refuses deeply nested JSON on every write route with 400 naming the body', async () => {
    for (const route of writeRoutes()) {
      for (const raw of [nested(5_000, '[', ']'), nested(MAX_JSON_DEPTH + 1, '{"a":', '}')]) {
        const res = await send(route, route.path, 'admin', { raw });
        expect(res.status, route.path).toBe(400);
        expect(res.body.error).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ path: 'body', message: '提交的 JSON 嵌套层级过深' }],
        });
      }
    }
  });

  it('reads JSON exactly as deep as the limit, brackets inside strings not counted', async () => {
    const route = writeRoutes().find((r) => r.path === '/auth/tokens')!;
    const deepString = JSON.stringify('['.repeat(1_000));
    const raw = nested(MAX_JSON_DEPTH - 1, '{"a":', '}', `{"username":"ent.demo","password":${deepString}}`);
    const res = await send(route, route.path, 'admin', { raw });
    // Parsed, then refused by the schema: the body holds no username at the top.
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('username');
  });

  it('refuses JSON in another charset than UTF-8, and an unknown content encoding', async () => {
    const route = writeRoutes().find((r) => r.path === '/auth/tokens')!;
    const utf16 = await supertest(server)
      .post(`${API}${route.path}`)
      .set('Content-Type', 'application/json; charset=utf-16le')
      .send(Buffer.from(JSON.stringify({ username: 'ent.demo', password: 'demo1234' }), 'utf16le'));
    expect(utf16.status).toBe(400);
    expect(utf16.body.error.code).toBe('VALIDATION_FAILED');
    const encoded = await supertest(server)
      .post(`${API}${route.path}`)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'br-unknown')
      .send('{}');
    expect(encoded.status).toBe(400);
    expect(encoded.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('text no column should hold', () => {
  const NUL_REFUSED = {
    'zh-CN': '不能包含控制字符（如 NUL）或无效字符',
    en: 'Must not contain control characters (such as NUL) or invalid characters',
  };

  /** Each text field of a schema's top level, with a value holding `bad` and the path a 400 should name. */
  function textFieldsOf(schema: z.ZodType, bad: string): { field: string; value: unknown; path: string }[] {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const isText = (s: JsonSchema | undefined): boolean =>
      !!s && (s.type === 'string' || !!(s.anyOf ?? s.oneOf)?.some(isText));
    const isTextList = (s: JsonSchema | undefined): boolean =>
      !!s && ((s.type === 'array' && isText(s.items)) || !!(s.anyOf ?? s.oneOf)?.some(isTextList));
    const alternatives = json.anyOf ?? json.oneOf ?? [json];
    const properties = Object.assign({}, ...alternatives.map((a) => a.properties ?? {})) as Record<string, JsonSchema>;
    return Object.entries(properties).flatMap(([field, s]): { field: string; value: unknown; path: string }[] => {
      if (isText(s)) return [{ field, value: bad, path: field }];
      if (isTextList(s)) return [{ field, value: [bad], path: `${field}.0` }];
      return [];
    });
  }

  it('refuses a NUL in every text field of every route with a 400 naming the field', async () => {
    let checked = 0;
    for (const route of t.platform.routes) {
      const role = route.access === 'public' || route.access === 'authenticated' ? 'admin' : route.access[0]!;
      const where = route.body ? 'body' : 'query';
      const schema = route.body ?? route.query;
      if (!schema) continue;
      for (const { field, value, path } of textFieldsOf(schema, 'a\u0000b')) {
        const req =
          where === 'body'
            ? send(route, route.path, role, { json: { [field]: value } })
            : supertest(server)
                .get(`${API}${route.path}`)
                .query({ [field]: value })
                .set('Authorization', `Bearer ${tokens.get(role)}`);
        const res = await req.set('Accept-Language', 'en');
        const what = `${route.method} ${route.path} ${where}.${field}`;
        expect(res.status, what).toBe(400);
        expect(res.body.error.details, what).toContainEqual({ path, message: NUL_REFUSED.en });
        checked++;
      }
    }
    // Sign-in, registration, products, requests, urges, accounts, searches…
    expect(checked).toBeGreaterThan(40);
  });

  it('refuses a NUL where the issue met it: a search, a token, a sign-in and a registration, never a 500', async () => {
    const search = await supertest(server).get(`${API}/institutions?q=%00`);
    expect(search.status).toBe(400);
    expect(search.body.error.details).toEqual([{ path: 'q', message: NUL_REFUSED['zh-CN'] }]);

    const token = await supertest(server)
      .post(`${API}/auth/tokens`)
      .send({ username: 'ent.demo\u0000', password: 'demo1234' });
    expect(token.status).toBe(400);
    expect(token.body.error.details).toEqual([{ path: 'username', message: NUL_REFUSED['zh-CN'] }]);

    const browser = supertest.agent(server);
    const { body: csrf } = await browser.get(`${API}/auth/csrf`).expect(200);
    const login = await browser
      .post(`${API}/auth/login`)
      .set('x-csrf-token', csrf.csrfToken)
      .send({ username: 'ent.demo', password: 'demo1234\u0000' });
    expect(login.status).toBe(400);
    expect(login.body.error.details).toEqual([{ path: 'password', message: NUL_REFUSED['zh-CN'] }]);

    const registration = await browser.post(`${API}/auth/register`).set('x-csrf-token', csrf.csrfToken).send({
      role: 'individual',
      agreementVersion: AGREEMENT_VERSION,
      username: 'nul.person',
      password: 'secret123',
      name: '王\u0000五',
      idNumber: '11010519491231002X',
      county: '371502',
      phone: '13800138000',
    });
    expect(registration.status).toBe(400);
    expect(registration.body.error.details).toEqual([{ path: 'name', message: NUL_REFUSED['zh-CN'] }]);
    const [created] = await t.platform.db.select({ id: users.id }).from(users).where(eq(users.username, 'nul.person'));
    expect(created).toBeUndefined();
  });

  it('keeps line breaks in free text and refuses them, and other controls, in one-line fields', async () => {
    const product = (fields: Record<string, unknown>) =>
      supertest(server)
        .post(`${API}/products`)
        .set('Authorization', `Bearer ${tokens.get('institution_admin')}`)
        .set('Accept-Language', 'en')
        .send({ name: '换行测试贷', kind: 'credit', ...fields });
    const multiline = await product({ description: '第一行\n\t第二行\r\n第三行' }).expect(201);
    expect(multiline.body.description).toBe('第一行\n\t第二行\r\n第三行');

    const refused = await product({
      name: '换行\n测试贷',
      description: 'bell\u0007',
      requiredMaterials: ['营业执照\u0085'],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: 'name', message: 'One line only: no line breaks or tabs' },
      { path: 'description', message: NUL_REFUSED.en },
      { path: 'requiredMaterials.0', message: NUL_REFUSED.en },
    ]);
  });
});
