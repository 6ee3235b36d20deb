import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, type TestPlatform } from '../testing/platform';
import { AGREEMENT_VERSION } from './agreements';
import { idNumberCheckCharacter } from './identifiers';
import { hashPassword } from './passwords';
import { REGISTRATIONS_PER_ADDRESS } from './routes';

/** Registration costs a password hash: duplicates are refused before it, and each address is capped. */
let t: TestPlatform;
let visitor: ReturnType<typeof supertest.agent>;
let csrf: string;
beforeAll(async () => {
  t = await createTestPlatform();
  visitor = supertest.agent(t.platform.app);
  csrf = (await visitor.get(`${API}/auth/csrf`).expect(200)).body.csrfToken;
});
afterAll(async () => {
  await t?.close();
});

let serial = 0;
function person(username = `person.${++serial}.${Date.now() % 100_000}`) {
  const body17 = `37150219800101${String(serial).padStart(3, '0')}`;
  return {
    role: 'individual',
    agreementVersion: AGREEMENT_VERSION,
    username,
    password: 'Harvest2025x',
    name: '李卫民',
    county: '371502',
    phone: '13906357788',
    idNumber: body17 + idNumberCheckCharacter(body17),
  };
}

const register = (body: object, address: string) =>
  visitor.post(`${API}/auth/register`).set('X-Forwarded-For', address).set('x-csrf-token', csrf).send(body);

describe('registration', () => {
  it('refuses a taken username before hashing the password', async () => {
    await register(person('taken.name'), '198.51.100.1').expect(201);
    // Eight at once: hashing them would keep every thread of the pool busy for rounds.
    const timed = async (work: () => Promise<unknown>) => {
      const start = performance.now();
      await work();
      return performance.now() - start;
    };
    const eight = <T>(f: () => Promise<T>) => Promise.all(Array.from({ length: 8 }, f));
    const hashing = await timed(() => eight(() => hashPassword('Harvest2025x')));
    let answers: { status: number }[] = [];
    const refusing = await timed(async () => {
      answers = await eight(() => register(person('taken.name'), '198.51.100.2'));
    });
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 409));
    expect(refusing).toBeLessThan(hashing);
  });

  it(`admits ${REGISTRATIONS_PER_ADDRESS.points} an hour from one address, refused duplicates not counted`, async () => {
    const address = '203.0.113.50';
    for (let i = 0; i < REGISTRATIONS_PER_ADDRESS.points + 5; i++) {
      expect((await register(person('taken.name'), address)).status).toBe(409);
    }
    for (let i = 0; i < REGISTRATIONS_PER_ADDRESS.points; i++) {
      const res = await register(person(), address);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const refused = await register(person(), address);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await register(person(), '203.0.113.51')).status).toBe(201);
  });
});
