import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/roles';
import { users } from '../auth/schema';
import { products } from '../catalog/schema';
import { notifications } from '../notifications/schema';
import { openInPool } from '../requests/matcher';
import { reconcileDue } from '../sla/breaches';
import { slaStages } from '../requests/schema';
import type { z } from './zod';
import { PRINCIPAL } from '../testing/fiscal';
import { disbursedLoan } from '../testing/loans';
import { CITY_INTEREST_SUBSIDY } from '../testing/programs';
import { API, createTestPlatform, TEST_EPOCH, type TestPlatform } from '../testing/platform';

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
  'post /auth/change-password': ALL,
  'post /auth/tokens': 'public',
  'get /auth/tokens': ALL,
  'delete /auth/tokens/:id': ALL,
  'get /accounts': ['admin'],
  'post /accounts': ['admin'],
  'patch /accounts/:id': ['admin'],
  'post /accounts/:id/disable': ['admin'],
  'post /accounts/:id/enable': ['admin'],
  'post /accounts/:id/reset-password': ['admin'],
  'get /regions': 'public',
  'get /institutions': 'public',
  'get /institutions/:id': 'public',
  'post /institutions': ['admin'],
  'post /institutions/:id/suspend': ['admin'],
  'post /institutions/:id/reinstate': ['admin'],
  'get /notifications': ALL,
  'post /notifications/read-all': ALL,
  'post /notifications/:id/read': ALL,
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
  'get /loan-requests/export': ['officer', 'institution_admin'],
  'get /loan-requests/:id': ALL,
  'get /loan-requests/:id/timeline': ALL,
  'get /pool': ['officer'],
  'post /loan-requests/:id/claim': ['officer'],
  'post /loan-requests/:id/transition': ['officer'],
  'post /loan-requests/:id/cancel': ['enterprise', 'individual'],
  'post /loan-requests/:id/reopen': ['enterprise', 'individual'],
  'get /stream': ALL,
  'post /loan-requests/:id/assign': ['bureau'],
  'get /loan-requests/:id/assignees': ['bureau'],
  'get /sla/policy': 'public',
  'put /sla/policy': ['admin'],
  'get /sla/policy/versions': ['admin'],
  'get /sla/preview': 'public',
  'post /sla/preview': ['admin'],
  'get /sla/calendars': ['admin'],
  'get /sla/calendars/:year': 'public',
  'put /sla/calendars/:year': ['admin'],
  'get /supervision/overview': ['bureau', 'admin'],
  'get /supervision/sla': ['bureau', 'admin'],
  'get /supervision/breaches': ['bureau', 'admin'],
  'post /supervision/breaches/:id/urge': ['bureau'],
  'get /supervision/urges': ['bureau', 'admin', 'institution_admin', 'officer'],
  'post /supervision/urges/:id/acknowledge': ['institution_admin', 'officer'],
  'get /supervision/export': ['bureau', 'admin'],
  'get /supervision/fiscal': ['bureau', 'admin'],
  'get /supervision/fiscal/export': ['bureau', 'admin'],
  'get /platform/figures': 'public',
  'get /audit': ['admin'],
  'post /loan-requests/:id/servicing': ['officer', 'institution_admin'],
  'get /loan-requests/:id/servicing': ALL,
  'post /program-claims': ['enterprise', 'individual', 'officer', 'institution_admin'],
  'get /program-claims': ALL,
  'get /program-claims/:id': ALL,
  'post /program-claims/:id/review': ['bureau'],
  'post /program-claims/:id/check': ['bureau'],
  'post /program-claims/:id/pay': ['bureau'],
  'post /program-claims/:id/recoveries': ['officer', 'institution_admin'],
  'get /programs/:id/ledger': ['bureau', 'admin'],
  'get /programs': 'public',
  'post /programs': ['bureau'],
  'get /programs/:id': 'public',
  'patch /programs/:id': ['bureau'],
  'post /programs/:id/activate': ['bureau'],
  'post /programs/:id/close': ['bureau'],
  'get /programs/:id/preview': 'public',
  'get /loan-requests/:id/programs': ALL,
  'post /loan-requests/:id/handover': ['institution_admin'],
  'get /loan-requests/:id/handover-officers': ['institution_admin'],
  'get /me/profile': ['enterprise', 'individual'],
  'put /me/profile': ['enterprise', 'individual'],
  'post /public-data/imports': ['bureau'],
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
  for (const role of ALL) tokens.set(role, await tokenFor(DEMO_ACCOUNT_OF[role]));
});
afterAll(async () => {
  await t?.close();
});

async function tokenFor(username: string, password = 'demo1234'): Promise<string> {
  const res = await t.api.post(`${API}/auth/tokens`).send({ username, password });
  if (res.status !== 201) throw new Error(`token for ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

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

/**
 * Data scope, the second half of authorization: for every route that takes a resource id or a
 * scope, a caller allowed by role is refused another tenant's resource (another institution,
 * county or applicant) with the status the service promises, and given its own. Written by hand,
 * like EXPECTED; the first test fails on a scoped route listed in neither table below.
 */
interface Fixture {
  lcrcb: string;
  qilu: string;
  gxOfficer: string;
  qiluOfficer: string;
  lcrcbDraft: string;
  lcrcbComplete: string;
  lcrcbListed: string;
  qiluDraft: string;
  qiluListed: string;
  /** Requests: ent.demo's are in 东昌府区 (371502), ind.demo's in 冠县 (371525). */
  entCancel: string;
  indCancel: string;
  gxOpen: string;
  gxOpen2: string;
  /** Nobody claims it, county-wide or city-wide: the bureau may assign it. */
  gxUnanswered: string;
  dcfOpen: string;
  toLcrcb: string;
  toQilu: string;
  lcrcbClaimed: string;
  qiluClaimed: string;
  entRejected: string;
  indRejected: string;
  /** Contact-stage breaches: in 冠县 owned by 农商 (not urged yet), in 东昌府区 owned by 齐鲁 (urged). */
  gxBreach: string;
  dcfBreach: string;
  lcrcbUrge: string;
  qiluUrge: string;
  lcrcbNotification: string;
  qiluNotification: string;
  /** Spare bearer tokens (not the ones the tests call with). */
  entToken: string;
  indToken: string;
  /** ent.demo's loans disbursed by 农商 (one defaulted) and by 齐鲁, each with a servicing report. */
  lcrcbLoan: string;
  qiluLoan: string;
  /** City 贴息 claims on 农商's loan: submitted, reviewed, approved; one on 齐鲁's loan. */
  submittedClaim: string;
  reviewedClaim: string;
  approvedClaim: string;
  qiluLoanClaim: string;
  /** 农商's compensation for its defaulted loan, paid. */
  paidCompensation: string;
  /** A claim on 东昌府区's own program, which neither the city nor 冠县 manages or reads. */
  countyClaim: string;
  approvedProgram: string;
  countyProgram: string;
  /** A city 贴息 never activated: the city bureau's alone to change, unseen by a county bureau. */
  draftProgram: string;
}

interface Call {
  params?: Record<string, string>;
  query?: string;
  body?: object;
}

interface TenantCase {
  as: string;
  own: (f: Fixture) => Call;
  ownStatus: number;
  other: (f: Fixture) => Call;
  denied: readonly [403, 'FORBIDDEN' | 'NOT_ELIGIBLE'] | readonly [404, 'NOT_FOUND'];
}

const FORBIDDEN = [403, 'FORBIDDEN'] as const;
const NOT_FOUND = [404, 'NOT_FOUND'] as const;
const ABOUT_LCRCB = { contactName: '李主任' };
/** The first servicing period every fixture loan reports (disbursed on 12 March). */
const SERVICED = {
  periodStart: '2025-03-12',
  periodEnd: '2025-03-13',
  outstandingPrincipal: PRINCIPAL,
  interestPaidFen: 5_000,
  status: 'normal',
};

/** A county bureau (冠县) asking for its own county, then for 东昌府区. */
const countyBureau = (query = ''): TenantCase => ({
  as: 'bureau.guanxian',
  own: () => ({ query: `region=371525${query}` }),
  ownStatus: 200,
  other: () => ({ query: `region=371502${query}` }),
  denied: FORBIDDEN,
});

/** An institution admin (农商) on its own institution, then on 齐鲁's. */
const institutionAdmin = (ownStatus: number, body?: object): TenantCase => ({
  as: 'inst.lcrcb',
  own: (f) => ({ params: { id: f.lcrcb }, ...(body ? { body } : {}) }),
  ownStatus,
  other: (f) => ({ params: { id: f.qilu }, ...(body ? { body } : {}) }),
  denied: FORBIDDEN,
});

/** The same caller on one of its own resources (`own`) and on another tenant's (`other`). */
const onIds = (
  as: string,
  own: keyof Fixture,
  ownStatus: number,
  other: keyof Fixture,
  denied: TenantCase['denied'],
  body?: object,
): TenantCase => ({
  as,
  own: (f) => ({ params: { id: f[own] }, ...(body ? { body } : {}) }),
  ownStatus,
  other: (f) => ({ params: { id: f[other] }, ...(body ? { body } : {}) }),
  denied,
});

const TENANT: Record<string, TenantCase[]> = {
  'delete /auth/tokens/:id': [onIds('ent.demo', 'entToken', 204, 'indToken', NOT_FOUND)],
  'patch /institutions/:id': [institutionAdmin(200, ABOUT_LCRCB)],
  'get /institutions/:id/officers': [institutionAdmin(200)],
  'post /institutions/:id/officers': [
    institutionAdmin(201, {
      username: 'officer.lcrcb.new',
      password: 'Officer2025',
      displayName: '新客户经理',
      countiesServed: ['371525'],
    }),
  ],
  'patch /institutions/:id/officers/:officerId': [
    {
      as: 'inst.lcrcb',
      own: (f) => ({ params: { id: f.lcrcb, officerId: f.gxOfficer }, body: { displayName: '冠县经理' } }),
      ownStatus: 200,
      other: (f) => ({ params: { id: f.qilu, officerId: f.qiluOfficer }, body: { status: 'disabled' } }),
      denied: FORBIDDEN,
    },
    {
      // Its own institution in the path does not reach another institution's officer.
      as: 'inst.lcrcb',
      own: (f) => ({ params: { id: f.lcrcb, officerId: f.gxOfficer }, body: { displayName: '冠县客户经理' } }),
      ownStatus: 200,
      other: (f) => ({ params: { id: f.lcrcb, officerId: f.qiluOfficer }, body: { status: 'disabled' } }),
      denied: NOT_FOUND,
    },
  ],
  'get /institutions/:id/products': [institutionAdmin(200)],
  // Drafts are visible to their own institution only; to anyone else they do not exist.
  'get /products/:id': [onIds('inst.lcrcb', 'lcrcbDraft', 200, 'qiluDraft', NOT_FOUND)],
  'patch /products/:id': [
    onIds('inst.lcrcb', 'lcrcbDraft', 200, 'qiluDraft', FORBIDDEN, { description: '仅限本机构' }),
  ],
  'post /products/:id/list': [onIds('inst.lcrcb', 'lcrcbComplete', 200, 'qiluDraft', FORBIDDEN)],
  'post /products/:id/delist': [onIds('inst.lcrcb', 'lcrcbListed', 200, 'qiluListed', FORBIDDEN)],
  'get /products/:id/history': [onIds('inst.lcrcb', 'lcrcbDraft', 200, 'qiluDraft', FORBIDDEN)],
  'get /loan-requests/:id': [
    onIds('ent.demo', 'entCancel', 200, 'indCancel', NOT_FOUND),
    onIds('officer.lcrcb', 'lcrcbClaimed', 200, 'qiluClaimed', NOT_FOUND),
    onIds('inst.lcrcb', 'lcrcbClaimed', 200, 'qiluClaimed', NOT_FOUND),
    onIds('bureau.guanxian', 'gxOpen', 200, 'dcfOpen', NOT_FOUND),
  ],
  'get /loan-requests/:id/timeline': [
    onIds('ind.demo', 'indCancel', 200, 'entCancel', NOT_FOUND),
    onIds('officer.lcrcb', 'lcrcbClaimed', 200, 'qiluClaimed', NOT_FOUND),
  ],
  'post /loan-requests/:id/claim': [
    // A directed order is 齐鲁's own while it is inside 农商's exclusive window…
    onIds('officer.qilu', 'toQilu', 200, 'toLcrcb', [403, 'NOT_ELIGIBLE']),
    // …and an officer serving only 冠县 cannot take a 东昌府区 request from the county pool.
    onIds('officer.lcrcb.gx', 'gxOpen2', 200, 'dcfOpen', [403, 'NOT_ELIGIBLE']),
  ],
  'post /loan-requests/:id/transition': [
    // The fixture leaves the clock on Friday 14 March 2025, after the claims.
    onIds('officer.lcrcb', 'lcrcbClaimed', 200, 'qiluClaimed', FORBIDDEN, { to: 'contacted', visitDate: '2025-03-14' }),
  ],
  'post /loan-requests/:id/cancel': [onIds('ent.demo', 'entCancel', 200, 'indCancel', NOT_FOUND)],
  'post /loan-requests/:id/reopen': [onIds('ind.demo', 'indRejected', 200, 'entRejected', NOT_FOUND)],
  'get /loan-requests/:id/assignees': [onIds('bureau.guanxian', 'gxUnanswered', 200, 'dcfOpen', NOT_FOUND)],
  'post /loan-requests/:id/assign': [
    {
      as: 'bureau.guanxian',
      own: (f) => ({ params: { id: f.gxUnanswered }, body: { institutionId: f.lcrcb } }),
      ownStatus: 200,
      other: (f) => ({ params: { id: f.dcfOpen }, body: { institutionId: f.lcrcb } }),
      denied: NOT_FOUND,
    },
  ],
  'post /notifications/:id/read': [onIds('inst.lcrcb', 'lcrcbNotification', 200, 'qiluNotification', NOT_FOUND)],
  'get /supervision/overview': [countyBureau()],
  'get /supervision/sla': [countyBureau()],
  'get /supervision/breaches': [countyBureau()],
  'get /supervision/export': [countyBureau('&report=overview&format=csv')],
  'get /supervision/fiscal': [countyBureau()],
  'get /supervision/fiscal/export': [countyBureau('&format=csv')],
  'get /supervision/urges': [
    countyBureau(),
    {
      as: 'inst.lcrcb',
      own: (f) => ({ query: `institutionId=${f.lcrcb}` }),
      ownStatus: 200,
      other: (f) => ({ query: `institutionId=${f.qilu}` }),
      denied: FORBIDDEN,
    },
  ],
  'post /supervision/breaches/:id/urge': [
    onIds('bureau.guanxian', 'gxBreach', 201, 'dcfBreach', FORBIDDEN, { note: '请尽快联系客户' }),
  ],
  'post /supervision/urges/:id/acknowledge': [
    onIds('inst.lcrcb', 'lcrcbUrge', 200, 'qiluUrge', FORBIDDEN, { note: '已安排专人对接' }),
  ],
  'post /loan-requests/:id/servicing': [
    onIds('officer.lcrcb', 'lcrcbLoan', 201, 'qiluLoan', FORBIDDEN, {
      ...SERVICED,
      periodStart: '2025-03-13',
      periodEnd: '2025-03-14',
    }),
  ],
  'get /loan-requests/:id/servicing': [onIds('officer.lcrcb', 'lcrcbLoan', 200, 'qiluLoan', NOT_FOUND)],
  // A county bureau reads the city's claims, not another county's.
  'get /program-claims/:id': [onIds('bureau.guanxian', 'submittedClaim', 200, 'countyClaim', NOT_FOUND)],
  'post /program-claims/:id/review': [
    onIds('bureau.city', 'submittedClaim', 200, 'countyClaim', FORBIDDEN, { decision: 'approve' }),
  ],
  'post /program-claims/:id/check': [
    onIds('bureau.city', 'reviewedClaim', 200, 'countyClaim', FORBIDDEN, { decision: 'approve' }),
  ],
  'post /program-claims/:id/pay': [
    onIds('bureau.city', 'approvedClaim', 200, 'countyClaim', FORBIDDEN, { paidOn: '2025-03-14', voucherNo: 'T-1' }),
  ],
  'post /program-claims/:id/recoveries': [
    onIds('officer.lcrcb', 'paidCompensation', 201, 'qiluLoanClaim', FORBIDDEN, {
      recoveredFen: 100_000,
      recoveredOn: '2025-03-14',
    }),
  ],
  'get /programs/:id/ledger': [onIds('bureau.guanxian', 'approvedProgram', 200, 'countyProgram', FORBIDDEN)],
  // Active programs are public; a draft is its region's (and the city bureau's) alone to see.
  'get /programs/:id': [onIds('bureau.guanxian', 'approvedProgram', 200, 'draftProgram', NOT_FOUND)],
  // Only the funding region's bureau acts on a program; the city bureau reads a county's but may not run it.
  'patch /programs/:id': [onIds('bureau.city', 'draftProgram', 200, 'countyProgram', FORBIDDEN, { name: '草稿贴息' })],
  'post /programs/:id/activate': [onIds('bureau.city', 'approvedProgram', 422, 'countyProgram', FORBIDDEN)],
  'post /programs/:id/close': [onIds('bureau.city', 'draftProgram', 422, 'countyProgram', FORBIDDEN)],
  'get /loan-requests/:id/programs': [onIds('ent.demo', 'entCancel', 200, 'indCancel', NOT_FOUND)],
  'get /loan-requests/:id/handover-officers': [onIds('inst.lcrcb', 'lcrcbClaimed', 200, 'qiluClaimed', FORBIDDEN)],
  // Its own request reaches the rules (an officer not serving 东昌府区: 400); another bank's is refused first.
  'post /loan-requests/:id/handover': [
    {
      as: 'inst.lcrcb',
      own: (f) => ({ params: { id: f.lcrcbClaimed }, body: { officerId: f.gxOfficer, reason: '原客户经理休假' } }),
      ownStatus: 400,
      other: (f) => ({ params: { id: f.qiluClaimed }, body: { officerId: f.gxOfficer, reason: '原客户经理休假' } }),
      denied: FORBIDDEN,
    },
  ],
};

/** Scoped routes without a tenant to cross, and why. */
const NO_TENANT: Record<string, string> = {
  'get /programs': "active programs are public; the region filter narrows a bureau's drafts, it grants nothing",
  'get /programs/:id/preview':
    'reads a program as GET /programs/:id does (its tenant rule above), computes nothing private',
  'get /institutions': 'public list: the region filter narrows, it grants nothing',
  'get /products': 'public catalog: the institution filter narrows, it grants nothing',
  'get /institutions/:id': 'public profile of any institution',
  'get /accounts': 'the platform admin sees every account: the institution filter narrows',
  'patch /accounts/:id': 'the platform admin acts on every account',
  'post /accounts/:id/disable': 'the platform admin acts on every account',
  'post /accounts/:id/enable': 'the platform admin acts on every account',
  'post /accounts/:id/reset-password': 'the platform admin acts on every account',
  'post /institutions/:id/suspend': 'the platform admin acts on every institution',
  'post /institutions/:id/reinstate': 'the platform admin acts on every institution',
  'get /sla/calendars/:year': 'public: one working calendar for the whole platform',
  'put /sla/calendars/:year': 'the platform admin keeps the one working calendar',
};

/** Query parameters that narrow a route to a tenant. */
const SCOPE_QUERY = ['region', 'institutionId'];

const bearerOf = new Map<string, string>();

function send(who: string, route: string, call: Call = {}) {
  const [method, pattern] = route.split(' ') as ['get' | 'post' | 'patch', string];
  const path = pattern.replace(/:(\w+)/g, (_, name: string) => call.params?.[name] ?? `missing-${name}`);
  const token = bearerOf.get(who);
  if (!token) throw new Error(`no token for ${who}`);
  const req = t.api[method](`${API}${path}${call.query ? `?${call.query}` : ''}`).set(
    'Authorization',
    `Bearer ${token}`,
  );
  return method === 'get' ? req : req.send(call.body ?? {});
}

/** Issues another bearer token of `username` and returns its id. */
async function spareTokenId(username: string): Promise<string> {
  const { items } = await expectStatus(
    t.api.get(`${API}/auth/tokens`).set('Authorization', `Bearer ${await tokenFor(username)}`),
    200,
  );
  return (items as unknown as { id: string; current: boolean }[]).find((i) => i.current)!.id;
}

async function expectStatus(res: PromiseLike<{ status: number; body: Record<string, unknown> }>, status: number) {
  const { status: got, body } = await res;
  expect(got, JSON.stringify(body)).toBe(status);
  return body as Record<string, string>;
}

const ENT_REQUEST = {
  amount: 300_000,
  termMonths: 12,
  purpose: '购买原材料',
  collateral: 'credit',
  county: '371502',
  industry: 'C',
};
const IND_REQUEST = {
  amount: 50_000,
  termMonths: 12,
  purpose: '扩大种植规模',
  collateral: 'credit',
  county: '371525',
  industry: 'A',
};

async function opened(who: 'ent.demo' | 'ind.demo', productId?: string): Promise<string> {
  const body = who === 'ent.demo' ? { ...ENT_REQUEST, ...(productId ? { productId } : {}) } : IND_REQUEST;
  const { id } = await expectStatus(send(who, 'post /loan-requests', { body }), 201);
  expect(await openInPool(t.platform, id!)).toBe(true);
  return id!;
}

async function claimedBy(officer: string, id: string): Promise<string> {
  await expectStatus(send(officer, 'post /loan-requests/:id/claim', { params: { id } }), 200);
  return id;
}

async function rejectedBy(officer: string, id: string): Promise<string> {
  await claimedBy(officer, id);
  const step = (body: object) => send(officer, 'post /loan-requests/:id/transition', { params: { id }, body });
  await expectStatus(step({ to: 'contacted', visitDate: t.today() }), 200);
  await expectStatus(step({ to: 'investigated', visitDate: t.today() }), 200);
  await expectStatus(step({ to: 'rejected', reasonCode: 'documents', reason: '材料不全' }), 200);
  return id;
}

/**
 * Loans disbursed on 12 March and reported on; a city 贴息 and 风险补偿 and a 东昌府区 贴息 they enrol
 * in; claims at each step of the two-person control (a second city bureau account reviews).
 */
async function fiscalFixture(loans: { lcrcbLoan: string; lcrcbDefaulted: string; qiluLoan: string }) {
  const as = async (username: string, route: string, call: Call, status: number) =>
    (await expectStatus(send(username, route, call), status)).id!;
  for (const [username, county] of [
    ['bureau.city2', undefined],
    ['bureau.dcf', '371502'],
  ] as const) {
    const account = { username, password: 'Bureau2025x', role: 'bureau', displayName: '财政局经办人', county };
    await as('admin', 'post /accounts', { body: account }, 201);
    bearerOf.set(username, await tokenFor(username, account.password));
  }
  const program = async (bureau: string, change: object = {}) => {
    const id = await as(bureau, 'post /programs', { body: { ...CITY_INTEREST_SUBSIDY, ...change } }, 201);
    await as(bureau, 'post /programs/:id/activate', { params: { id } }, 200);
    return id;
  };
  const [toReview, toCheck, approvedProgram] = [
    await program('bureau.city'),
    await program('bureau.city'),
    await program('bureau.city'),
  ];
  const countyProgram = await program('bureau.dcf', { region: '371502' });
  const compensation = await program('bureau.city', { kind: 'risk_compensation', params: { lossSharePct: 40 } });
  const report = (officer: string, id: string, body: object) =>
    as(officer, 'post /loan-requests/:id/servicing', { params: { id }, body: { ...SERVICED, ...body } }, 201);
  await report('officer.lcrcb', loans.lcrcbLoan, {});
  await report('officer.lcrcb', loans.lcrcbDefaulted, { status: 'default', lossFen: 1_000_000 });
  await report('officer.qilu', loans.qiluLoan, {});
  const claim = (who: string, programId: string, loanRequestId: string, period: object = SERVICED) => {
    const { periodStart, periodEnd } = period as { periodStart?: string; periodEnd?: string };
    return as(who, 'post /program-claims', { body: { programId, loanRequestId, periodStart, periodEnd } }, 201);
  };
  const step = (who: string, route: string, id: string, body: object = { decision: 'approve' }) =>
    as(who, route, { params: { id }, body }, 200);
  const reviewedClaim = await claim('ent.demo', toCheck, loans.lcrcbLoan);
  await step('bureau.city2', 'post /program-claims/:id/review', reviewedClaim);
  const approvedClaim = await claim('ent.demo', approvedProgram, loans.lcrcbLoan);
  await step('bureau.city2', 'post /program-claims/:id/review', approvedClaim);
  await step('bureau.city', 'post /program-claims/:id/check', approvedClaim);
  const paidCompensation = await claim('officer.lcrcb', compensation, loans.lcrcbDefaulted, {});
  await step('bureau.city2', 'post /program-claims/:id/review', paidCompensation);
  await step('bureau.city', 'post /program-claims/:id/check', paidCompensation);
  await step('bureau.city', 'post /program-claims/:id/pay', paidCompensation, {
    paidOn: '2025-03-14',
    voucherNo: 'C-1',
  });
  return {
    lcrcbLoan: loans.lcrcbLoan,
    qiluLoan: loans.qiluLoan,
    submittedClaim: await claim('ent.demo', toReview, loans.lcrcbLoan),
    reviewedClaim,
    approvedClaim,
    qiluLoanClaim: await claim('ent.demo', toReview, loans.qiluLoan),
    paidCompensation,
    countyClaim: await claim('ent.demo', countyProgram, loans.lcrcbLoan),
    approvedProgram,
    countyProgram,
    draftProgram: await as('bureau.city', 'post /programs', { body: CITY_INTEREST_SUBSIDY }, 201),
  };
}

async function productId(name: string): Promise<string> {
  const [row] = await t.platform.db.select({ id: products.id }).from(products).where(eq(products.name, name));
  return row!.id;
}

async function userId(username: string): Promise<string> {
  const [row] = await t.platform.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return row!.id;
}

async function contactStage(requestId: string): Promise<string> {
  const [row] = await t.platform.db
    .select({ id: slaStages.id })
    .from(slaStages)
    .where(and(eq(slaStages.requestId, requestId), eq(slaStages.stage, 'contact')));
  return row!.id;
}

async function urgeNotification(username: string): Promise<string> {
  const [row] = await t.platform.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, await userId(username)), eq(notifications.kind, 'supervision.urge')));
  return row!.id;
}

async function buildFixture(): Promise<Fixture> {
  t.setNow(TEST_EPOCH);
  const demo = ['ent.demo', 'ind.demo', 'officer.lcrcb', 'officer.qilu', 'inst.lcrcb', 'bureau.guanxian'];
  for (const username of [...demo, 'bureau.city', 'admin']) bearerOf.set(username, await tokenFor(username));
  const lcrcb = ownInstitutionId;
  const { user: qiluOfficer } = await expectStatus(send('officer.qilu', 'get /auth/me'), 200);
  const qilu = (qiluOfficer as unknown as { institutionId: string }).institutionId;
  const staff = {
    role: 'institution_admin',
    username: 'inst.qilu',
    password: 'Qilu2025x',
    displayName: '齐鲁银行管理员',
  };
  await expectStatus(send('admin', 'post /accounts', { body: { ...staff, institutionId: qilu } }), 201);
  bearerOf.set('inst.qilu', await tokenFor('inst.qilu', 'Qilu2025x'));
  const officer = { username: 'officer.lcrcb.gx', password: 'Guanxian2025', displayName: '冠县客户经理' };
  const gx = await expectStatus(
    send('inst.lcrcb', 'post /institutions/:id/officers', {
      params: { id: lcrcb },
      body: { ...officer, countiesServed: ['371525'] },
    }),
    201,
  );
  bearerOf.set('officer.lcrcb.gx', await tokenFor('officer.lcrcb.gx', 'Guanxian2025'));
  const [ent, lcrcbOfficer, qiluOfficerSession] = await Promise.all(
    ['ent.demo', 'officer.lcrcb', 'officer.qilu'].map((username) => t.signIn(username)),
  );
  const loans = {
    lcrcbLoan: await disbursedLoan(t, ent!, lcrcbOfficer!),
    lcrcbDefaulted: await disbursedLoan(t, ent!, lcrcbOfficer!),
    qiluLoan: await disbursedLoan(t, ent!, qiluOfficerSession!),
  };

  // Claimed on Wednesday morning and never contacted: the contact stages breach on Friday.
  const gxBreachRequest = await claimedBy('officer.lcrcb', await opened('ind.demo'));
  const gxUrgedRequest = await claimedBy('officer.lcrcb', await opened('ind.demo'));
  const dcfBreachRequest = await claimedBy('officer.qilu', await opened('ent.demo'));
  const gxUnanswered = await opened('ind.demo');
  t.setNow(new Date('2025-03-14T10:30:00+08:00'));
  await reconcileDue(t.platform.db, t.platform.sla);
  // The city-wide respond window that pass opened runs out as well.
  t.setNow(new Date('2025-03-14T14:30:00+08:00'));
  await reconcileDue(t.platform.db, t.platform.sla);
  const [gxBreach, gxUrged, dcfBreach] = await Promise.all(
    [gxBreachRequest, gxUrgedRequest, dcfBreachRequest].map(contactStage),
  );
  const urge = (id: string) =>
    expectStatus(
      send('bureau.city', 'post /supervision/breaches/:id/urge', { params: { id }, body: { note: '督办' } }),
      201,
    );
  const lcrcbUrge = (await urge(gxUrged!)).id!;
  const qiluUrge = (await urge(dcfBreach!)).id!;

  const draft = (who: string, name: string) =>
    expectStatus(send(who, 'post /products', { body: { name, kind: 'credit' } }), 201);
  const complete = {
    name: '农商测试贷',
    kind: 'credit',
    minAmount: 10_000,
    maxAmount: 500_000,
    minTermMonths: 3,
    maxTermMonths: 24,
    minRate: 4.2,
    maxRate: 6.5,
    customerTypes: ['enterprise'],
    allCounties: true,
    allIndustries: true,
    requiredMaterials: ['营业执照'],
    description: '用于检验上架权限的完整产品。',
  };
  return {
    lcrcb,
    qilu,
    gxOfficer: gx.id!,
    qiluOfficer: await userId('officer.qilu'),
    lcrcbDraft: (await draft('inst.lcrcb', '农商草稿')).id!,
    lcrcbComplete: (await expectStatus(send('inst.lcrcb', 'post /products', { body: complete }), 201)).id!,
    lcrcbListed: await productId('幸福e贷'),
    qiluDraft: (await draft('inst.qilu', '齐鲁草稿')).id!,
    qiluListed: await productId('仓单质押贷'),
    entCancel: await opened('ent.demo'),
    indCancel: await opened('ind.demo'),
    gxOpen: await opened('ind.demo'),
    gxOpen2: await opened('ind.demo'),
    gxUnanswered,
    dcfOpen: await opened('ent.demo'),
    toLcrcb: await opened('ent.demo', await productId('水城快贷')),
    toQilu: await opened('ent.demo', await productId('齐鲁科创快贷')),
    lcrcbClaimed: await claimedBy('officer.lcrcb', await opened('ent.demo')),
    qiluClaimed: await claimedBy('officer.qilu', await opened('ent.demo')),
    entRejected: await rejectedBy('officer.lcrcb', await opened('ent.demo')),
    indRejected: await rejectedBy('officer.lcrcb', await opened('ind.demo')),
    gxBreach: gxBreach!,
    dcfBreach: dcfBreach!,
    lcrcbUrge,
    qiluUrge,
    lcrcbNotification: await urgeNotification('inst.lcrcb'),
    qiluNotification: await urgeNotification('officer.qilu'),
    entToken: await spareTokenId('ent.demo'),
    indToken: await spareTokenId('ind.demo'),
    ...(await fiscalFixture(loans)),
  };
}

describe('own and other tenant', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await buildFixture();
  });

  it('has a tenant rule for every route that takes a resource id or a scope', () => {
    const scoped = t.platform.routes
      .filter((r) => {
        const query = Object.keys((r.query as z.ZodObject | undefined)?.shape ?? {});
        return r.path.includes('/:') || query.some((q) => SCOPE_QUERY.includes(q));
      })
      .map((r) => `${r.method} ${r.path}`);
    expect([...Object.keys(TENANT), ...Object.keys(NO_TENANT)].sort()).toEqual(scoped.sort());
  });

  const cases = Object.entries(TENANT).flatMap(([route, list]) => list.map((c) => [route, c.as, c] as const));
  it.each(cases)("%s as %s: another tenant's is refused, its own allowed", async (route, as, c) => {
    // The refusal first: it must change nothing the allowed call relies on.
    const other = await send(as, route, c.other(f));
    expect(other.status, JSON.stringify(other.body)).toBe(c.denied[0]);
    expect(other.body.error.code).toBe(c.denied[1]);
    const own = await send(as, route, c.own(f));
    expect(own.status, JSON.stringify(own.body)).toBe(c.ownStatus);
  });
});
