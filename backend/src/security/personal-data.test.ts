import { eq } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREEMENT_VERSION } from '../auth/agreements';
import { idNumberCheckCharacter, usccCheckCharacter } from '../auth/identifiers';
import { products } from '../catalog/schema';
import { openInPool } from '../requests/matcher';
import { API, createTestPlatform, type TestPlatform } from '../testing/platform';

/**
 * Personal data in every view: each GET route of the route table, called by every kind of user
 * on real records. ID numbers and credit codes are never shown by any view; an applicant's phone
 * only to those who may see the request in full — the applicant, the claiming institution, a
 * bureau whose scope holds it, the platform admin — and never to an institution it is merely offered to.
 */
const ENTERPRISE = {
  role: 'enterprise',
  agreementVersion: AGREEMENT_VERSION,
  username: 'pii.enterprise',
  password: 'Privacy2025',
  name: '聊城市隐私测试机械有限公司',
  uscc: '91371502MA3D9Q7L4' + usccCheckCharacter('91371502MA3D9Q7L4'),
  county: '371502',
  industry: 'C',
  phone: '13906358801',
};
const INDIVIDUAL = {
  role: 'individual',
  agreementVersion: AGREEMENT_VERSION,
  username: 'pii.individual',
  password: 'Privacy2025',
  name: '赵隐私',
  idNumber: '37152519900305441' + idNumberCheckCharacter('37152519900305441'),
  county: '371525',
  phone: '13906358802',
};

/** Who may see each applicant's phone: the request's full viewers (requests/access.ts, written out again). */
const PHONE_VIEWERS: Record<string, string[]> = {
  [ENTERPRISE.phone]: ['pii.enterprise', 'officer.lcrcb', 'inst.lcrcb', 'bureau.city', 'admin'],
  [INDIVIDUAL.phone]: ['pii.individual', 'bureau.city', 'bureau.guanxian', 'admin'],
};
const CALLERS = [
  'ent.demo',
  'ind.demo',
  'officer.lcrcb',
  'officer.qilu',
  'inst.lcrcb',
  'bureau.city',
  'bureau.guanxian',
  'admin',
  ENTERPRISE.username,
  INDIVIDUAL.username,
];
/** Queries a route needs to show anything at all. */
const QUERY: Record<string, string> = {
  '/supervision/export': 'report=breaches&format=csv',
  '/supervision/fiscal/export': 'format=csv',
  '/loan-requests/export': 'format=csv',
};

let t: TestPlatform;
/** Every response body, by caller. */
const seen = new Map<string, string[]>();

beforeAll(async () => {
  t = await createTestPlatform();
  const tokens = new Map<string, string>();
  const token = async (username: string, password = 'demo1234') => {
    const res = await t.api.post(`${API}/auth/tokens`).send({ username, password }).expect(201);
    tokens.set(username, res.body.token);
  };
  for (const applicant of [ENTERPRISE, INDIVIDUAL]) {
    const agent = supertest.agent(t.platform.app);
    const { body } = await agent.get(`${API}/auth/csrf`).expect(200);
    await agent.post(`${API}/auth/register`).set('x-csrf-token', body.csrfToken).send(applicant).expect(201);
    await token(applicant.username, applicant.password);
  }
  for (const username of CALLERS.slice(0, -2)) await token(username);
  const as = (username: string) => ({ Authorization: `Bearer ${tokens.get(username)}` });

  const need = { termMonths: 12, purpose: '补充流动资金', collateral: 'credit' };
  const submit = async (username: string, body: object) => {
    const res = await t.api.post(`${API}/loan-requests`).set(as(username)).send(body).expect(201);
    expect(await openInPool(t.platform, res.body.id)).toBe(true);
    return res.body.id as string;
  };
  const claimed = await submit(ENTERPRISE.username, { ...need, amount: 400_000, county: '371502', industry: 'C' });
  const offered = await submit(INDIVIDUAL.username, { ...need, amount: 80_000, county: '371525', industry: 'A' });
  await t.api.post(`${API}/loan-requests/${claimed}/claim`).set(as('officer.lcrcb')).expect(200);

  const [product] = await t.platform.db.select({ id: products.id }).from(products).where(eq(products.name, '水城快贷'));
  const lcrcb = (await t.api.get(`${API}/auth/me`).set(as('inst.lcrcb'))).body.user.institutionId;
  const ids = [claimed, offered, lcrcb, product!.id];
  const reads = t.platform.routes.filter((r) => r.method === 'get' && r.path !== '/stream');
  await Promise.all(
    CALLERS.map(async (caller) => {
      const texts: string[] = [];
      for (const route of reads) {
        const paths = route.path.includes(':') ? ids.map((id) => route.path.replace(/:\w+/g, id)) : [route.path];
        for (const path of paths) {
          texts.push((await t.api.get(`${API}${path}?${QUERY[route.path] ?? ''}`).set(as(caller))).text);
        }
      }
      seen.set(caller, texts);
    }),
  );
});
afterAll(async () => {
  await t?.close();
});

describe('personal data in views', () => {
  it('shows no ID number and no credit code in any view, to anyone', () => {
    const everything = [...seen.values()].flat().join('\n');
    expect(everything).toContain(ENTERPRISE.name);
    expect(everything).not.toContain(ENTERPRISE.uscc);
    expect(everything).not.toContain(INDIVIDUAL.idNumber);
  });

  it.each(Object.entries(PHONE_VIEWERS))(
    'shows the phone %s only to the full viewers of its request',
    (phone, viewers) => {
      for (const caller of CALLERS) {
        const views = seen.get(caller)!.join('\n');
        if (viewers.includes(caller)) expect(views, caller).toContain(phone);
        else expect(views, caller).not.toContain(phone);
      }
    },
  );

  it('shows the institutions a request is offered to a masked applicant name', () => {
    const lcrcbViews = seen.get('officer.lcrcb')!.join('\n');
    expect(lcrcbViews).toContain('赵**');
    expect(lcrcbViews).not.toContain(INDIVIDUAL.name);
  });
});
