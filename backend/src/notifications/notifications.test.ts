import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, post, type SignedIn, type TestPlatform } from '../testing/platform';
import { notify } from './service';

/** The notification centre: each user reads and marks read only their own. */
let t: TestPlatform;
let officer: SignedIn;
let other: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform();
  [officer, other] = await Promise.all([t.signIn('officer.lcrcb'), t.signIn('officer.qilu')]);
  for (const [n, who] of [officer, officer, officer, other].entries()) {
    await notify(t.platform.db, {
      userId: who.user.id,
      kind: n === 0 ? 'sla.breach' : 'sla.reminder',
      title: `提醒 ${n}`,
      body: '融资需求 500,000 元 · 12 个月',
      sourceEventId: `test:${n}`,
    });
  }
});
afterAll(async () => {
  await t?.close();
});

const list = (who: SignedIn, query = '') => who.agent.get(`${API}/notifications${query}`).expect(200);

describe('the notification centre', () => {
  it('lists the user’s own notifications, newest first, with how many are unread', async () => {
    const { body } = await list(officer);
    expect(body).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 20 });
    expect(body.items.map((n: { title: string }) => n.title)).toEqual(['提醒 2', '提醒 1', '提醒 0']);
    expect(body.items[2]).toMatchObject({ kind: 'sla.breach', readAt: null });
  });

  it('marks one read, idempotently, and counts it out of the unread', async () => {
    const { body } = await list(officer);
    const id = body.items[0].id;
    const first = await post(officer, `/notifications/${id}/read`).expect(200);
    expect(first.body.readAt).not.toBeNull();
    const again = await post(officer, `/notifications/${id}/read`).expect(200);
    expect(again.body.readAt).toBe(first.body.readAt);
    const unread = await list(officer, '?unread=true');
    expect(unread.body).toMatchObject({ total: 2, unread: 2 });
    expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(id);
  });

  it('never lets a user read or mark another user’s notification', async () => {
    const theirs = (await list(other)).body.items[0].id;
    await post(officer, `/notifications/${theirs}/read`).expect(404);
    expect((await list(other)).body.unread).toBe(1);
    expect((await list(officer)).body.items.map((n: { id: string }) => n.id)).not.toContain(theirs);
  });

  it('marks all read at once, leaving other users’ unread', async () => {
    const res = await post(officer, '/notifications/read-all').expect(200);
    expect(res.body).toEqual({ updated: 2 });
    expect((await list(officer)).body.unread).toBe(0);
    expect((await list(other)).body.unread).toBe(1);
  });

  it('refuses a malformed id or filter with 400 naming the field, and a write without the CSRF token', async () => {
    const bad = await post(officer, '/notifications/nope/read').expect(400);
    expect(bad.body.error.details[0].path).toBe('id');
    const filter = await officer.agent.get(`${API}/notifications?unread=maybe`).expect(400);
    expect(filter.body.error.details[0].path).toBe('unread');
    const theirs = (await list(other)).body.items[0].id;
    await other.agent.post(`${API}/notifications/${theirs}/read`).send().expect(403);
    expect((await list(other)).body.unread).toBe(1);
  });
});
