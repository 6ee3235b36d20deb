import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../sla-policy/policy';
import { API, createTestPlatform, post, send, type SignedIn, type TestPlatform } from '../testing/platform';

let t: TestPlatform;
let admin: SignedIn;
let bureau: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform();
  [admin, bureau] = await Promise.all([t.signIn('admin'), t.signIn('bureau.city')]);
});
afterAll(async () => {
  await t?.close();
});

const draft = { ...DEFAULT_POLICY, respond: { workingHours: 2 }, contact: { workingDays: 3 } };

describe('the SLA policy console', () => {
  it('previews a draft’s deadlines on the working calendar without publishing it', async () => {
    // Tuesday 30 September 2025, 16:00: the National Day holiday runs 1–8 October, Saturday 11 October is worked.
    const res = await post(admin, '/sla/preview', { policy: draft, at: '2025-09-30T16:00:00+08:00' }).expect(200);
    expect(res.body).toEqual({
      respond: {
        startsAt: '2025-09-30T16:00:00+08:00',
        remindAt: '2025-10-09T09:20:00+08:00',
        dueAt: '2025-10-09T10:00:00+08:00',
        provisional: false,
      },
      exclusiveUntil: '2025-09-30T17:00:00+08:00',
      contact: expect.objectContaining({ dueAt: '2025-10-11T16:00:00+08:00' }),
      decide: expect.objectContaining({ dueAt: '2025-10-14T16:00:00+08:00' }),
    });
    expect((await t.api.get(`${API}/sla/policy`).expect(200)).body.respond.workingHours).toBe(3);
  });

  it('names the bad field of a draft', async () => {
    const bad = await post(admin, '/sla/preview', {
      policy: { ...draft, exclusive: { workingHours: 2 } },
    }).expect(400);
    expect(bad.body.error.details).toEqual([
      { path: 'policy.exclusive.workingHours', message: '定向独享时段须短于响应时限' },
    ]);
    const put = await send(admin, 'put', '/sla/policy', {
      ...draft,
      officeHours: { start: '18:00', end: '09:00', lunch: null },
    });
    expect(put.status).toBe(400);
    expect(put.body.error.details).toEqual([{ path: 'officeHours.end', message: '上限不能小于下限' }]);
  });

  it('keeps every published version, newest first, with who published it', async () => {
    await send(admin, 'put', '/sla/policy', draft).expect(200);
    const history = await admin.agent.get(`${API}/sla/policy/versions`).expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({ version: 2, respond: { workingHours: 2 }, createdBy: 'admin' }),
      expect.objectContaining({ version: 1, respond: { workingHours: 3 }, createdBy: null }),
    ]);
  });

  it('is the platform admin’s alone', async () => {
    await bureau.agent.get(`${API}/sla/policy/versions`).expect(403);
    await post(bureau, '/sla/preview', { policy: draft }).expect(403);
    await send(bureau, 'put', '/sla/policy', draft).expect(403);
  });
});
