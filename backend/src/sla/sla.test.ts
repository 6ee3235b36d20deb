import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, send, type SignedIn, type TestPlatform } from '../testing/platform';
import { DEFAULT_POLICY } from '../sla-policy/policy';

let t: TestPlatform;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform();
  admin = await t.signIn('admin');
});
afterAll(async () => {
  await t?.close();
});

const put = (who: SignedIn, body: object) => send(who, 'put', '/sla/policy', body);

describe('the 321 policy', () => {
  it('starts with the published default: 3 working hours, 2 and 5 working days, reminder at 2/3', async () => {
    const res = await t.api.get(`${API}/sla/policy`).expect(200);
    expect(res.body).toMatchObject({
      version: 1,
      respond: { workingHours: 3 },
      exclusive: { workingHours: 1 },
      contact: { workingDays: 2 },
      decide: { workingDays: 5 },
      officeHours: { start: '09:00', end: '17:00', lunch: null },
    });
    expect(res.body.reminderAt).toBeCloseTo(2 / 3, 3);
  });

  it('previews the domain example: entering the pool 30 Sep 16:00 → respond by 9 Oct 11:00', async () => {
    const res = await t.api.get(`${API}/sla/preview?at=${encodeURIComponent('2025-09-30T16:00:00+08:00')}`).expect(200);
    expect(res.body).toEqual({
      policyVersion: 1,
      respond: {
        startsAt: '2025-09-30T16:00:00+08:00',
        remindAt: '2025-10-09T10:00:00+08:00',
        dueAt: '2025-10-09T11:00:00+08:00',
        provisional: false,
      },
    });
  });

  it('previews a directed order’s exclusive window inside the respond window', async () => {
    const res = await t.api.get(`${API}/sla/preview?at=2025-03-12T10:30:00%2B08:00&directed=true`).expect(200);
    expect(res.body).toMatchObject({
      exclusiveUntil: '2025-03-12T11:30:00+08:00',
      respond: { dueAt: '2025-03-12T13:30:00+08:00' },
    });
  });

  it('previews a year without an official schedule on the statutory holidays, marked provisional', async () => {
    // 除夕 (Fri 5 Feb 2027) to the second compensation day (Wed 10 Feb) are off.
    const res = await t.api.get(`${API}/sla/preview?at=2027-02-04T16:00:00%2B08:00`).expect(200);
    expect(res.body.respond).toEqual({
      startsAt: '2027-02-04T16:00:00+08:00',
      remindAt: '2027-02-11T10:00:00+08:00',
      dueAt: '2027-02-11T11:00:00+08:00',
      provisional: true,
    });
  });

  it('refuses a bad preview time with 400', async () => {
    const res = await t.api.get(`${API}/sla/preview?at=yesterday`).expect(400);
    expect(res.body.error.details[0].path).toBe('at');
  });

  it('lets only the admin publish a new version, validated field by field', async () => {
    const bureau = await t.signIn('bureau.city');
    await put(bureau, DEFAULT_POLICY).expect(403);
    const bad = await put(admin, {
      ...DEFAULT_POLICY,
      exclusive: { workingHours: 4 },
      officeHours: { start: '18:00', end: '09:00', lunch: null },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'exclusive.workingHours',
      'officeHours.end',
    ]);
    const saved = await put(admin, {
      ...DEFAULT_POLICY,
      respond: { workingHours: 2 },
      officeHours: { start: '08:30', end: '17:30', lunch: { start: '12:00', end: '13:30' } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, respond: { workingHours: 2 } });
    const preview = await t.api.get(`${API}/sla/preview?at=2025-03-12T11:00:00%2B08:00`).expect(200);
    expect(preview.body).toMatchObject({ policyVersion: 2, respond: { dueAt: '2025-03-12T14:30:00+08:00' } });
  });
});
