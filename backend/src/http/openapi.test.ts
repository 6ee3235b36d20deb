import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../accounts/demo-accounts';
import type { Role } from '../access/roles';
import { products } from '../catalog/schema';
import { openInPool } from '../requests/matcher';
import { reconcileDue } from '../sla/breaches';
import { slaStages } from '../requests/schema';
import { bureauAccount, PRINCIPAL } from '../testing/fiscal';
import { disbursedLoan } from '../testing/loans';
import { API, createTestPlatform, ORDINARY_NEED, post, TEST_EPOCH, type TestPlatform } from '../testing/platform';
import { CITY_INTEREST_SUBSIDY } from '../testing/programs';
import { errorsOf } from './openapi';
import type { RouteDef } from './route';

/**
 * The served OpenAPI document is the contract's exact reference: it passes a maintained linter, and
 * what every GET route answers (on a platform with demo data and a few requests, breaches and urges)
 * is what the document says, status, media type and body.
 */
const ROLES: readonly Role[] = ['enterprise', 'individual', 'officer', 'institution_admin', 'bureau', 'admin'];
const ACCOUNT_OF: Record<Role, string> = {
  enterprise: 'ent.demo',
  individual: 'ind.demo',
  officer: 'officer.lcrcb',
  institution_admin: 'inst.lcrcb',
  // The city bureau sees every county, so scoped reads answer with data.
  bureau: 'bureau.city',
  admin: 'admin',
};

interface Fixture {
  institution: string;
  product: string;
  request: string;
  program: string;
  /** A disbursed loan with a servicing report, and its claim on the program, approved. */
  loan: string;
  claim: string;
}

/** A value for each path parameter a GET route takes, by the segment before it; a new one must be added here. */
const PARAM_SAMPLES: Record<string, (f: Fixture) => string> = {
  'institutions/:id': (f) => f.institution,
  'products/:id': (f) => f.product,
  'loan-requests/:id': (f) => f.request,
  'programs/:id': (f) => f.program,
  'program-claims/:id': (f) => f.claim,
  'calendars/:year': () => '2025',
};

/** Routes whose parameter needs another sample than its segment's: a loan's servicing, a disbursed loan. */
const ROUTE_SAMPLES: Record<string, (f: Fixture) => string> = {
  '/loan-requests/:id/servicing': (f) => f.loan,
};

/** Queries each GET route is called with (default: none); required parameters and the optional parts of an answer. */
const QUERY_SAMPLES: Record<string, string[]> = {
  '/supervision/overview': ['', 'from=2025-03-01&to=2025-03-31&interval=week'],
  '/supervision/sla': ['', 'groupBy=institution&interval=month'],
  '/supervision/export': ['report=overview&format=csv', 'report=breaches&format=xlsx'],
  '/supervision/fiscal': ['', 'from=2025-01-01&to=2025-12-31'],
  '/supervision/fiscal/export': ['format=csv', 'format=xlsx&from=2025-01-01'],
  '/sla/preview': ['', 'directed=true'],
  '/loan-requests': ['', 'q=%E8%AE%BE%E5%A4%87&county=371502&from=2025-01-01&to=2025-12-31'],
  '/loan-requests/export': ['format=csv', 'format=xlsx&status=claimed'],
  '/programs/:id/preview': ['principal=500000&annualRate=4.35&from=2025-01-01&to=2025-04-01'],
};

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, object> } };

let t: TestPlatform;
let server: Server;
let base: string;
let document: Document;
let fixture: Fixture;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  t = await createTestPlatform();
  server = t.platform.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const role of ROLES) tokens.set(role, await tokenFor(ACCOUNT_OF[role]));
  document = (await t.api.get(`${API}/openapi.json`).expect(200)).body;
  fixture = await seed();
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

async function tokenFor(username: string): Promise<string> {
  const res = await t.api.post(`${API}/auth/tokens`).send({ username, password: DEMO_PASSWORD });
  if (res.status !== 201) throw new Error(`token for ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** Requests in every stage the views show, a breach with an urge (and its notifications), a product edit. */
async function seed(): Promise<Fixture> {
  t.setNow(TEST_EPOCH);
  const as = (role: Role) => ({ authorization: `Bearer ${tokens.get(role)}` });
  const submit = async () => {
    const res = await t.api.post(`${API}/loan-requests`).set(as('enterprise')).send(ORDINARY_NEED).expect(201);
    expect(await openInPool(t.platform, res.body.id)).toBe(true);
    return res.body.id as string;
  };
  const claim = (id: string) => t.api.post(`${API}/loan-requests/${id}/claim`).set(as('officer')).expect(200);
  // Disbursed on Wednesday, so a servicing period has ended by Friday.
  const loan = await disbursedLoan(t, await t.signIn(ACCOUNT_OF.enterprise), await t.signIn(ACCOUNT_OF.officer));
  await submit(); // stays in the pool
  const request = await submit();
  await claim(request);
  await t.api
    .post(`${API}/loan-requests/${request}/transition`)
    .set(as('officer'))
    .send({ to: 'contacted', visitDate: t.today(), note: '已电话联系' })
    .expect(200);
  const breaching = await submit();
  await claim(breaching);
  // Never contacted: its contact stage breaches by Friday.
  t.setNow(new Date('2025-03-14T10:30:00+08:00'));
  await reconcileDue(t.platform.db, t.platform.sla);
  const [stage] = await t.platform.db
    .select({ id: slaStages.id })
    .from(slaStages)
    .where(and(eq(slaStages.requestId, breaching), eq(slaStages.stage, 'contact')));
  await t.api
    .post(`${API}/supervision/breaches/${stage!.id}/urge`)
    .set(as('bureau'))
    .send({ note: '请尽快联系' })
    .expect(201);

  const institution = (await t.api.get(`${API}/auth/me`).set(as('institution_admin')).expect(200)).body.user
    .institutionId as string;
  // A second officer serving the county: someone the claimed request may be handed over to (转派).
  await t.api
    .post(`${API}/institutions/${institution}/officers`)
    .set(as('institution_admin'))
    .send({ username: 'openapi.officer', password: 'Officer2025', displayName: '李经理', countiesServed: ['371502'] })
    .expect(201);
  const [product] = await t.platform.db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.institutionId, institution), eq(products.status, 'listed')))
    .limit(1);
  await t.api
    .patch(`${API}/products/${product!.id}`)
    .set(as('institution_admin'))
    .send({ description: '经营性贷款，随借随还' })
    .expect(200);
  // A city-wide 贴息 every request qualifies for.
  const program = await t.api.post(`${API}/programs`).set(as('bureau')).send(CITY_INTEREST_SUBSIDY).expect(201);
  await t.api.post(`${API}/programs/${program.body.id}/activate`).set(as('bureau')).expect(200);
  // The loan reported on, its 贴息 claimed, reviewed and approved by two city bureau users (a ledger entry).
  const period = { periodStart: '2025-03-12', periodEnd: '2025-03-13' };
  await t.api
    .post(`${API}/loan-requests/${loan}/servicing`)
    .set(as('officer'))
    .send({ ...period, outstandingPrincipal: PRINCIPAL, interestPaidFen: 5_000, status: 'normal' })
    .expect(201);
  const claimed = await t.api
    .post(`${API}/program-claims`)
    .set(as('enterprise'))
    .send({ programId: program.body.id, loanRequestId: loan, ...period })
    .expect(201);
  await t.api
    .post(`${API}/program-claims/${claimed.body.id}/review`)
    .set(as('bureau'))
    .send({ decision: 'approve' })
    .expect(200);
  const checker = await bureauAccount(t, await t.signIn(ACCOUNT_OF.admin), {
    username: 'bureau.fuhe',
    displayName: '市财政局复核员',
  });
  await post(checker, `/program-claims/${claimed.body.id}/check`, { decision: 'approve' }).expect(200);
  return { institution, product: product!.id, request, program: program.body.id, loan, claim: claimed.body.id };
}

const openApiPath = (route: RouteDef) => route.path.replace(/:(\w+)/g, '{$1}');

describe('the OpenAPI document', () => {
  it('passes the Redocly linter with no errors and no warnings but the one below', async () => {
    const config = await createConfig({
      extends: ['recommended'],
      rules: {
        // The repository declares no licence yet; a document naming one would be inventing it.
        'info-license': 'off',
      },
    });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    // operation-4xx-response stays on: it must only fire where a route truly answers no 4xx (a public
    // read taking no input, e.g. GET /regions), and the document then rightly lists none.
    const no4xx = new Set(
      t.platform.routes
        .filter((route) => errorsOf(route).length === 0)
        .map((route) => `#/paths/${openApiPath(route).replaceAll('/', '~1')}/${route.method}/responses`),
    );
    const unexpected = problems.filter(
      (p) => !(p.ruleId === 'operation-4xx-response' && no4xx.has(p.location[0]?.pointer ?? '')),
    );
    expect(unexpected.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('documents every route with an operation id and its error statuses', () => {
    for (const route of t.platform.routes) {
      const operation = document.paths[openApiPath(route)]?.[route.method] as Operation & { operationId?: string };
      expect(operation?.operationId, `${route.method} ${route.path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
      const statuses = Object.keys(operation.responses);
      if (route.access !== 'public') expect(statuses, `${route.method} ${route.path}`).toContain('401');
      if (route.params) expect(statuses, `${route.method} ${route.path}`).toContain('404');
    }
  });

  // strictTypes off: an `allOf` of objects, closed as a whole, need not repeat `type: object`.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  // OpenAPI 3.1's own schema keywords beside JSON Schema 2020-12's.
  ajv.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example']);
  let componentsAdded = false;
  /**
   * The documented schema, closed (an answer's field the document does not list is a mismatch too),
   * its `#/components/schemas/…` references pointing into the document's components.
   */
  const validatorOf = (schema: object) => {
    const pointIntoComponents = (value: object) =>
      JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"components#/$defs/'));
    if (!componentsAdded) {
      const schemas = Object.entries(pointIntoComponents(document.components.schemas) as Record<string, unknown>);
      const $defs = Object.fromEntries(schemas.map(([name, s]) => [name, closed(s)]));
      $defs[OPEN] = Object.fromEntries(schemas.map(([name, s]) => [name, closed(s, true)]));
      ajv.addSchema({ $id: 'components', $defs });
      componentsAdded = true;
    }
    return ajv.compile(closed(pointIntoComponents(schema)) as object);
  };

  it('describes what every GET route answers, for every role allowed to call it', async () => {
    const gets = t.platform.routes.filter((route) => route.method === 'get');
    expect(gets.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const route of gets) {
      const operation = document.paths[openApiPath(route)]!.get!;
      const url = route.path.replace(/([\w-]+)\/:(\w+)/g, (segment, _before, name) => {
        const sample = ROUTE_SAMPLES[route.path] ?? PARAM_SAMPLES[segment];
        if (!sample) throw new Error(`no sample value for :${name} in GET ${route.path}: add one to PARAM_SAMPLES`);
        return segment.replace(`:${name}`, sample(fixture));
      });
      const callers: (Role | null)[] =
        route.access === 'public' ? [null] : route.access === 'authenticated' ? [...ROLES] : [...route.access];
      const successes: Answer[] = [];
      for (const query of QUERY_SAMPLES[route.path] ?? ['']) {
        for (const caller of callers) {
          const target = `${url}${query ? `?${query}` : ''}`;
          const answer = await checkAnswer(operation, `${base}${API}${target}`, caller);
          if (answer.problem) failures.push(`GET ${target} as ${caller ?? 'anonymous'}: ${answer.problem}`);
          else if (answer.status < 300) successes.push(answer);
        }
      }
      // A list is checked with items in it: the seed must reach every list a GET route answers.
      if (!successes.some((answer) => answer.items !== 0)) {
        failures.push(`GET ${route.path}: no caller got a success${successes.length ? ' with items' : ''} to check`);
      }
    }
    expect(failures).toEqual([]);
  });

  interface Answer {
    status: number;
    /** What is wrong with the answer, if anything. */
    problem?: string;
    /** How many items a list holds (undefined for an answer that is not a list). */
    items?: number;
  }

  async function checkAnswer(operation: Operation, url: string, caller: Role | null): Promise<Answer> {
    const abort = new AbortController();
    const res = await fetch(url, {
      headers: caller ? { authorization: `Bearer ${tokens.get(caller)}` } : {},
      signal: abort.signal,
    });
    try {
      const { status } = res;
      const documented = operation.responses[String(status)];
      if (!documented)
        return { status, problem: `documented ${Object.keys(operation.responses).join(' ')}, not ${status}` };
      const mediaType = res.headers.get('content-type');
      const content = documented.content ?? {};
      const key = Object.keys(content).find((type) => sameMediaType(type, mediaType));
      if (!key) {
        const types = Object.keys(content).join(', ') || 'no body';
        return { status, problem: `${status} documented as ${types}, answered as ${mediaType}` };
      }
      if (key !== 'application/json') return { status };
      const validate = validatorOf(content[key]!.schema);
      const body = (await res.json()) as { items?: unknown };
      if (!validate(body)) {
        const errors = (validate.errors ?? []).map(
          (e) =>
            `${e.instancePath || '/'} ${e.message}${e.params.unevaluatedProperty ? ` (${e.params.unevaluatedProperty})` : ''}`,
        );
        return { status, problem: `${status} body does not match: ${[...new Set(errors)].join('; ')}` };
      }
      return { status, ...(Array.isArray(body.items) ? { items: body.items.length } : {}) };
    } finally {
      // The event stream never ends by itself.
      abort.abort();
    }
  }
});

function sameMediaType(documented: string, answered: string | null): boolean {
  const essence = (type: string) => type.split(';')[0]!.trim().toLowerCase();
  return answered !== null && essence(documented) === essence(answered);
}

type Schema = { [keyword: string]: unknown };

/** Where the components are also kept open (unclosed at their top), for use as parts of an `allOf`. */
const OPEN = '_open';

/**
 * `unevaluatedProperties: false` on every object schema that leaves extra properties open; on an
 * `allOf` as a whole, not on its parts (each part sees only its own properties).
 */
function closed(schema: unknown, partOfAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => closed(item));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    const byName = (map: object) => Object.fromEntries(Object.entries(map).map(([name, s]) => [name, closed(s)]));
    if (keyword === 'properties' || keyword === '$defs') out[keyword] = byName(value as object);
    else if (keyword === 'allOf') out[keyword] = (value as unknown[]).map((part) => closed(part, true));
    else out[keyword] = closed(value);
  }
  const open = (out.properties || out.allOf) && !('additionalProperties' in out);
  if (open && !partOfAllOf) out.unevaluatedProperties = false;
  if (partOfAllOf && typeof out.$ref === 'string') out.$ref = out.$ref.replace('#/$defs/', `#/$defs/${OPEN}/`);
  return out;
}
