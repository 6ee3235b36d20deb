import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles';
import type { PoolTier } from '../lifecycle/state-machine';
import { messagesFor, type StreamEvent, type Subscriber } from './audience';

const actor = (over: Partial<Actor>): Actor => ({
  id: 'u',
  username: 'u',
  role: 'officer',
  displayName: 'u',
  institutionId: null,
  county: null,
  countiesServed: [],
  mustChangePassword: false,
  ...over,
});
const officer = (institutionId: string, counties: string[]): Subscriber => ({
  actor: actor({ id: `o-${institutionId}`, institutionId }),
  counties,
});
const applicant: Subscriber = { actor: actor({ id: 'applicant', role: 'enterprise' }), counties: [] };

const opened = (tier: PoolTier, institutionIds: string[]): StreamEvent => ({
  id: '7',
  type: 'loan_request.opened',
  payload: { requestId: 'r1', applicantId: 'applicant', county: '371525', tier, institutionIds, action: 'open' },
});

describe('who hears what on the stream', () => {
  it('offers a county-tier request only to candidate officers serving that county', () => {
    const event = opened('county', ['bank-a', 'bank-b']);
    expect(messagesFor(event, officer('bank-a', ['371525']))).toEqual([
      { event: 'pool.added', data: { requestId: 'r1', tier: 'county' } },
    ]);
    expect(messagesFor(event, officer('bank-b', ['371502']))).toEqual([]);
    expect(messagesFor(event, officer('bank-c', ['371525']))).toEqual([]);
    expect(messagesFor(opened('city', ['bank-b']), officer('bank-b', ['371502']))).toHaveLength(1);
  });

  it('tells the applicant their request opened, and that its notice is in their notification centre, and no one else’s', () => {
    expect(messagesFor(opened('county', []), applicant)).toEqual([
      { event: 'request.updated', data: { requestId: 'r1', status: 'open' } },
      { event: 'request.notice', data: { requestId: 'r1', action: 'open' } },
    ]);
    const stranger = { actor: actor({ id: 'someone', role: 'individual' }), counties: [] };
    expect(messagesFor(opened('county', []), stranger)).toEqual([]);
  });

  const claimed = (tier: PoolTier, institutionIds: string[]): StreamEvent => ({
    id: '8',
    type: 'loan_request.changed',
    payload: {
      requestId: 'r1',
      applicantId: 'applicant',
      from: 'open',
      to: 'claimed',
      county: '371525',
      claimedInstitutionId: 'bank-a',
      action: 'claim',
      tier,
      institutionIds,
    },
  });

  it('drops a claimed request from the grab halls it was in and tells only the claimant and applicant of progress', () => {
    const event = claimed('city', ['bank-a', 'bank-b']);
    expect(messagesFor(event, officer('bank-b', [])).map((m) => m.event)).toEqual(['pool.removed']);
    expect(messagesFor(event, officer('bank-a', [])).map((m) => m.event)).toEqual(['pool.removed', 'request.updated']);
    expect(messagesFor(event, applicant).map((m) => m.event)).toEqual(['request.updated', 'request.notice']);
    const admin = { actor: actor({ id: 'adm', role: 'institution_admin', institutionId: 'bank-b' }), counties: [] };
    expect(messagesFor(event, admin)).toEqual([]);
  });

  it('tells no officer of a request that was never offered to them leaving the pool', () => {
    // A directed order: only bank-a's officers ever saw it.
    const directed = claimed('exclusive', ['bank-a']);
    expect(messagesFor(directed, officer('bank-b', ['371525']))).toEqual([]);
    expect(messagesFor(directed, officer('bank-a', [])).map((m) => m.event)).toContain('pool.removed');
    // A county-tier request: only candidates' officers serving its county saw it.
    const county = claimed('county', ['bank-a', 'bank-b']);
    expect(messagesFor(county, officer('bank-b', ['371502']))).toEqual([]);
    expect(messagesFor(county, officer('bank-b', ['371525'])).map((m) => m.event)).toEqual(['pool.removed']);
    expect(messagesFor(county, officer('bank-c', ['371525']))).toEqual([]);
  });

  it('keeps an open request in the grab halls when only its deadlines changed (a calendar re-plan)', () => {
    const replanned: StreamEvent = {
      id: '10',
      type: 'loan_request.changed',
      payload: {
        requestId: 'r1',
        applicantId: 'applicant',
        from: 'open',
        to: 'open',
        county: '371525',
        claimedInstitutionId: null,
        action: null,
      },
    };
    expect(messagesFor(replanned, officer('bank-b', []))).toEqual([]);
    expect(messagesFor(replanned, applicant).map((m) => m.event)).toEqual(['request.updated']);
  });

  it('announces no notice of the applicant’s own change (a withdrawal)', () => {
    const cancelled: StreamEvent = {
      id: '11',
      type: 'loan_request.changed',
      payload: {
        requestId: 'r1',
        applicantId: 'applicant',
        from: 'claimed',
        to: 'cancelled',
        county: '371525',
        claimedInstitutionId: 'bank-a',
        action: 'cancel',
      },
    };
    expect(messagesFor(cancelled, applicant).map((m) => m.event)).toEqual(['request.updated']);
  });

  it('delivers an SLA alert to its recipients only', () => {
    const alert: StreamEvent = {
      id: '9',
      type: 'sla.alerted',
      payload: { requestId: 'r1', kind: 'sla.breach', stage: 'respond', attempt: 1, userIds: ['bureau-1'] },
    };
    expect(messagesFor(alert, { actor: actor({ id: 'bureau-1', role: 'bureau' }), counties: [] })).toEqual([
      { event: 'sla.alert', data: { requestId: 'r1', kind: 'sla.breach', stage: 'respond' } },
    ]);
    expect(messagesFor(alert, applicant)).toEqual([]);
  });

  it('delivers an urge (督办) to the institution staff it names, and its acknowledgement to the bureau', () => {
    const urge = (state: 'open' | 'acknowledged', userIds: string[]): StreamEvent => ({
      id: '10',
      type: 'supervision.urge',
      payload: { urgeId: 'u1', requestId: 'r1', state, userIds },
    });
    const staff = { actor: actor({ id: 'admin-a', role: 'institution_admin', institutionId: 'bank-a' }), counties: [] };
    expect(messagesFor(urge('open', ['admin-a', 'o-bank-a']), staff)).toEqual([
      { event: 'supervision.urge', data: { urgeId: 'u1', requestId: 'r1', state: 'open' } },
    ]);
    expect(messagesFor(urge('open', ['admin-a']), officer('bank-b', []))).toEqual([]);
    const bureau = { actor: actor({ id: 'bureau-1', role: 'bureau' }), counties: [] };
    expect(messagesFor(urge('acknowledged', ['bureau-1']), bureau)[0]?.data).toMatchObject({ state: 'acknowledged' });
    expect(messagesFor(urge('acknowledged', ['bureau-1']), staff)).toEqual([]);
  });
});
