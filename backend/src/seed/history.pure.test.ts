import { describe, expect, it } from 'vitest';
import { composeCalendar } from '../calendar/calendar';
import { DEFAULT_POLICY } from '../sla-policy/policy';
import { LoanHistory, type Draft, type HistoryApplicant } from './history';
import { Rng } from './random';

/** One bank with one product any enterprise fits; its officer works at the typical pace. */
const history = new LoanHistory({
  seed: 1,
  policy: { ...DEFAULT_POLICY, version: 1, createdAt: '2025-01-01T00:00:00Z' },
  calendar: composeCalendar(),
  products: [
    {
      id: 'product-1',
      institutionId: '聊城农商银行',
      kind: 'credit',
      status: 'listed',
      minAmount: 10_000,
      maxAmount: 3_000_000,
      minTermMonths: 3,
      maxTermMonths: 36,
      minRateBp: 400,
      maxRateBp: 800,
      customerTypes: ['enterprise'],
      allCounties: true,
      counties: [],
      allIndustries: true,
      industries: [],
      requestCount: 0,
    },
  ],
  institutions: new Map([
    ['聊城农商银行', { id: 'institution-1', name: '聊城农商银行', officerId: 'officer-1', speed: 1 }],
  ]),
});
const applicant: HistoryApplicant = {
  id: 'applicant-1',
  customerType: 'enterprise',
  county: '371502',
  industry: 'C',
  name: '聊城市东昌府区鲁西机械制造有限公司',
  phone: '13800000000',
  contactName: '李经理',
  registeredAt: new Date('2024-01-01T00:00:00+08:00'),
};
const at = (local: string) => new Date(`${local}+08:00`);

/**
 * A drawn request whose life runs to a disbursal; `respond` past 180 working minutes escalates it
 * first, `contact` past 960 (two working days) breaches the contact stage.
 */
function drafted(respond: number, contact: number): Draft {
  const draft = history.draft(new Rng(7), applicant)!;
  return {
    ...draft,
    directed: false,
    cancelledAfter: null,
    cancelledIn: null,
    respond,
    respondCityWide: 40,
    contact,
    decision: { approved: true, amount: draft.amount, rateBp: 500, disbursedAfter: 120 },
  };
}

describe('a simulated life cut at an instant', () => {
  // Monday 10 March 2025, 10:00: a plain working week.
  const submittedAt = at('2025-03-10T10:00');

  for (const [name, respond, contact] of [
    ['claimed in the county', 30, 300],
    ['escalated city-wide first, contact late', 400, 2_000],
  ] as const) {
    it(`is the whole life up to then (${name})`, () => {
      const whole = history.playOut(drafted(respond, contact), submittedAt);
      expect(whole.request.status).toBe('disbursed');
      expect(history.playOut(drafted(respond, contact), submittedAt, new Date(8e15))).toEqual(whole);

      const instants = [
        ...whole.events.map((e) => e.at),
        ...whole.stages.map((s) => s.remindAt),
        ...whole.stages.map((s) => new Date(s.dueAt.getTime() + 1_000)),
      ];
      const seen = { open: 0, breachedOpen: 0 };
      for (const event of instants.flatMap((i) => [new Date(i.getTime() - 1), i])) {
        if (event < submittedAt) continue;
        const cut = history.playOut(drafted(respond, contact), submittedAt, event);
        const happened = whole.events.filter((e) => e.at <= event);
        expect(cut.events).toEqual(happened);
        expect(cut.request.status).toBe(happened.at(-1)!.toStatus);
        expect(cut.request.updatedAt).toEqual(happened.at(-1)!.at);
        const claimed = !['submitted', 'open'].includes(cut.request.status!);
        expect(cut.request.claimedAt ?? null).toEqual(claimed ? whole.request.claimedAt : null);
        expect(cut.audits).toEqual(whole.audits.filter((a) => a.at <= event));
        // Every stage started by then, the finished ones as they finished, the running one open.
        expect(cut.stages.map((s) => `${s.stage}/${s.attempt}`)).toEqual(
          whole.stages.filter((s) => s.startedAt <= event).map((s) => `${s.stage}/${s.attempt}`),
        );
        for (const [i, stage] of cut.stages.entries()) {
          const finished = whole.stages[i]!;
          if (finished.completedAt! <= event) {
            expect(stage).toEqual(finished);
            continue;
          }
          expect(stage.completedAt).toBeNull();
          seen.open++;
          const breached = new Date(finished.dueAt.getTime() + 1_000) <= event;
          expect(stage.breachedAt ?? null).toEqual(breached ? new Date(finished.dueAt.getTime() + 1_000) : null);
          expect(stage.outcome).toBe(breached ? 'breached' : null);
          if (breached) seen.breachedOpen++;
        }
      }
      expect(seen.open).toBeGreaterThan(0);
      expect(seen.breachedOpen > 0).toBe(contact > 960);
    });
  }

  it('holds only the placing when cut a moment after it', () => {
    const cut = history.playOut(drafted(30, 300), submittedAt, new Date(submittedAt.getTime() + 1_000));
    expect(cut.events.map((e) => e.toStatus)).toEqual(['submitted']);
    expect(cut.stages).toMatchObject([{ stage: 'respond', attempt: 1, completedAt: null, outcome: null }]);
    expect(cut.request.claimedInstitutionId).toBeUndefined();
  });
});
