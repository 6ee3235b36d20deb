/**
 * Two years of loan requests, pure: each request's whole life — placed by an applicant, opened by
 * the matcher, claimed in the tiered pool, contacted, investigated, decided, disbursed, or cancelled
 * or expired on the way — as the rows the platform itself would have written: the request, its
 * timeline (request_events) and its SLA stages, with start, reminder and due times from the real
 * working-time module and policy (sla-policy/deadlines.ts) and outcomes that follow from when each stage
 * ended. Nothing here touches a database (see load.ts).
 */
import type { AuditAction } from '../audit/schema';
import type { CustomerType } from '../catalog/schema';
import { matchCandidates, type Candidate, type MatchableProduct } from '../requests/matching';
import { shanghaiDay } from '../requests/stage-rules';
import type { loanRequests, requestEvents, REJECTION_CODES } from '../requests/schema';
import {
  EXPIRY_WORKING_DAYS,
  nextStatus,
  TRANSITIONS,
  type PoolTier,
  type RequestAction,
  type TransitionDeclaration,
} from '../lifecycle/state-machine';
import { dayStageDeadline, respondDeadlines, type StageDeadline } from '../sla-policy/deadlines';
import { officeHoursOf, type SlaPolicy } from '../sla-policy/policy';
import type { slaStages } from '../requests/schema';
import type { SlaStage } from '../lifecycle/state-machine';
import type { WorkingCalendar } from '../calendar/calendar';
import { addWorkingMinutes, workingMinutesPerDay } from '../calendar/working-time';
import { HISTORY } from './liaocheng';
import { keyedRng, Rng, WeightedTable } from './random';

export type RequestRow = typeof loanRequests.$inferInsert & { id: string; createdAt: Date; updatedAt: Date };
/**
 * A timeline entry, with what the outbox announced of it (not stored with the entry): the action
 * of the state machine it records and the pool tier it entered, if any.
 */
export type EventRow = Omit<typeof requestEvents.$inferInsert, 'id'> & {
  at: Date;
  action: RequestAction;
  enteredTier: PoolTier | null;
};
export type StageRow = typeof slaStages.$inferInsert;

export interface HistoryProduct extends MatchableProduct {
  requestCount: number;
}

export interface HistoryInstitution {
  id: string;
  name: string;
  /** The seeded officer who claimed and worked this institution's requests. */
  officerId: string;
  /** Its pace (institutionSpeed): contact and decide take this many times the typical working time. */
  speed: number;
}

export interface HistoryApplicant {
  id: string;
  customerType: CustomerType;
  county: string;
  /** An enterprise's registered industry; individuals name one per request. */
  industry: string | null;
  name: string;
  phone: string;
  contactName: string;
  registeredAt: Date;
}

/**
 * What every simulated request shares. Institutions are keyed by name, and products name their
 * institution by it (`institutionId` holds the name here): the matcher breaks ties by that key,
 * and names, unlike the database's random ids, are the same in every database a seed runs on.
 * Products come in a fixed order for the same reason.
 */
export interface HistoryContext {
  seed: number;
  policy: SlaPolicy;
  calendar: WorkingCalendar;
  products: readonly HistoryProduct[];
  institutions: ReadonlyMap<string, HistoryInstitution>;
}

/** An actor's action the audit log records (the state machine's `audit` entry), with when it happened. */
export interface AuditedAction {
  action: AuditAction;
  actorId: string;
  subjectId: string;
  at: Date;
  details: Record<string, unknown>;
}

export interface SimulatedRequest {
  request: RequestRow;
  events: EventRow[];
  stages: StageRow[];
  /** The audit entries of its actors' actions. */
  audits: AuditedAction[];
  /** The matcher's candidates, institutions by name as in the context. */
  candidates: readonly Candidate[];
  /** The disbursed amount's floor when the total is settled: the product's minimum amount. */
  productMinAmount: number;
}

// ---------------------------------------------------------------- the mix

/** Shares of requests by how their life goes (the rest are claimed and decided). */
const MIX = {
  /** The applicant withdraws before any bank claims it. */
  cancelBeforeClaim: 0.02,
  /** No institution takes it, in the county or city-wide: it expires. */
  noTakers: 0.006,
  /** Directed orders (a product chosen in the catalog), the rest open to the county pool. */
  directed: 0.4,
  /** Of claimed requests: withdrawn during contact or decision. */
  cancelAfterClaim: 0.025,
  /** Of decided requests: rejected; the others are approved. */
  rejected: 0.09,
  /** Of approved requests: disbursed; the others had not drawn the loan by the end. */
  disbursed: 0.95,
  /** Of approved requests: approved for less than asked. */
  approvedForLess: 0.25,
} as const;

/**
 * Working minutes each step takes, as log-normal medians and spreads. With the default windows
 * (3 working hours, 2 and 5 working days) about 3 % of first respond windows, 8 % of city-wide
 * ones and 5 % of contact and decide stages at a typical institution run over; slow institutions
 * (speed factor above 1) breach more, which is what the bureau's rankings are for.
 */
const PACE = {
  respond: [20, 1.2],
  respondCityWide: [45, 1.0],
  contact: [360, 0.6],
  decide: [900, 0.6],
} as const satisfies Record<string, readonly [number, number]>;

/** Timers record reminders and breaches this long after they fall due. */
const TIMER_LAG_MS = 1_000;

const REJECTIONS: Record<(typeof REJECTION_CODES)[number], readonly string[]> = {
  credit_history: ['征信记录存在多次逾期', '近两年征信查询次数过多'],
  insufficient_income: ['经营流水不足以覆盖还款', '近半年收入不稳定'],
  collateral: ['抵押物评估价值不足', '抵押物权属存在争议'],
  policy: ['不符合产品准入条件', '所属行业暂不在支持范围内'],
  documents: ['申请材料不全，补充后可重新申请', '财务报表与纳税数据不一致'],
  other: ['客户信息核实未通过', '客户经营场所无法核实'],
};
const REJECTION_CODE = new WeightedTable<keyof typeof REJECTIONS>([
  ['credit_history', 35],
  ['insufficient_income', 20],
  ['collateral', 15],
  ['policy', 10],
  ['documents', 12],
  ['other', 8],
]);

const PURPOSES: Record<CustomerType, readonly string[]> = {
  enterprise: ['流动资金周转', '采购原材料', '设备更新改造', '扩大生产规模', '支付货款', '厂房建设', '承接订单备货'],
  sole_trader: ['店铺进货', '门店装修', '经营周转', '购置经营设备', '扩大经营场地'],
  farmer: ['购买种子化肥', '建设蔬菜大棚', '扩大养殖规模', '购买农机', '土地流转', '果园管护'],
  individual: ['创业启动资金', '经营周转', '购置经营设备', '装修经营场所'],
};

/** The industry an individual names on a request, by how they borrow. */
const INDIVIDUAL_INDUSTRY: Record<Exclude<CustomerType, 'enterprise'>, WeightedTable<string>> = {
  farmer: new WeightedTable([['A', 1]]),
  sole_trader: new WeightedTable([
    ['F', 45],
    ['H', 20],
    ['O', 15],
    ['G', 10],
    ['C', 10],
  ]),
  individual: new WeightedTable([
    ['F', 35],
    ['O', 30],
    ['H', 15],
    ['R', 10],
    ['C', 10],
  ]),
};

const CONTACT_NOTES = [null, '已电话联系客户，约定上门时间', '已联系客户，告知所需材料', '客户已到网点面谈'];
const INVESTIGATION_NOTES = [null, '已完成实地调查，经营正常', '贷前调查完成，材料齐全', '已核实经营流水和纳税情况'];

const TERMS = [3, 6, 12, 18, 24, 36, 48, 60, 84, 120, 180, 240];
const TERM_WEIGHT: Record<number, number> = { 6: 2, 12: 5, 24: 3, 36: 2 };

// ---------------------------------------------------------------- choosing

/** Most requests ask for the lower part of a product's range: the minimum times (max/min)^(u⁴), rounded. */
function amountFor(rng: Rng, product: HistoryProduct, customerType: CustomerType): number {
  const [lo, hi] = [Math.max(1_000, product.minAmount!), Math.min(product.maxAmount!, MOST_BORROWED[customerType])];
  return roundedWithin(lo * (hi / lo) ** (rng.float() ** 4), lo, hi);
}

/** What each kind of borrower asks for at most, whatever the product allows (yuan). */
const MOST_BORROWED: Record<CustomerType, number> = {
  enterprise: 30_000_000,
  sole_trader: 3_000_000,
  individual: 2_000_000,
  farmer: 500_000,
};

/** To 1,000 yuan below 100,000, to 10,000 below a million, to 100,000 above; kept inside [lo, hi]. */
function roundedWithin(amount: number, lo: number, hi: number): number {
  const step = amount < 100_000 ? 1_000 : amount < 1_000_000 ? 10_000 : 100_000;
  return Math.min(hi, Math.max(lo, Math.round(amount / step) * step));
}

function termFor(rng: Rng, product: HistoryProduct): number {
  const options = TERMS.filter((t) => t >= product.minTermMonths! && t <= product.maxTermMonths!);
  if (!options.length) return product.minTermMonths!;
  return new WeightedTable(options.map((t) => [t, TERM_WEIGHT[t] ?? 1] as const)).draw(rng);
}

/** A candidate, the better ranked the likelier (the first in rank order is the quickest to grab). */
function pickClaimant(rng: Rng, candidates: readonly Candidate[]): string {
  return new WeightedTable(candidates.map((c) => [c.institutionId, 1 / c.rank] as const)).draw(rng);
}

/** How quickly an institution works, fixed per institution and seed: 1 is typical, 2 twice as slow. */
export function institutionSpeed(seed: number, name: string): number {
  return Math.min(2.2, Math.max(0.55, keyedRng(seed, name).logNormal(1, 0.35)));
}

/** Everything random about one request; its timestamps follow from these and the submission time. */
export interface Draft {
  id: string;
  applicant: HistoryApplicant;
  product: HistoryProduct;
  industry: string;
  amount: number;
  termMonths: number;
  purpose: string;
  directed: boolean;
  candidates: Candidate[];
  /** Working minutes from placing to withdrawal, for a request withdrawn before any claim. */
  cancelledAfter: number | null;
  /** Working minutes to the claim in the first respond window and in the city-wide one; Infinity: nobody. */
  respond: number;
  respondCityWide: number;
  /** Who claims in the first window (the directed institution within its exclusive hour, or the county pool), or city-wide. */
  claimant: { first: string; exclusive: boolean; cityWide: string };
  contact: number;
  /** The share of the contact stage after which the first contact is recorded. */
  contactedAt: number;
  decide: number;
  /** Withdrawn during contact or decision, after this share of the stage. */
  cancelledIn: { stage: 'contact' | 'decide'; at: number } | null;
  decision:
    | { approved: true; amount: number; rateBp: number; disbursedAfter: number | null }
    | { approved: false; code: keyof typeof REJECTIONS; reason: string };
  notes: { contact: string | null; investigation: string | null };
}

/**
 * The history's world: the catalog, the institutions and their officers, the policy and calendar.
 * `draft` makes a request's random choices; `playOut` turns a draft and a submission time into rows.
 */
export class LoanHistory {
  private readonly products = new Map<string, WeightedTable<HistoryProduct> | null>();
  private readonly byApplicant = new Map<string, HistoryProduct[]>();
  private readonly officerCounties = new Map<string, Map<string, string[]>>();
  private readonly workingDay: number;

  constructor(private readonly ctx: HistoryContext) {
    this.workingDay = workingMinutesPerDay(officeHoursOf(ctx.policy));
  }

  /** Products that allow the applicant, weighted by their popularity and how many could borrow that much. */
  private productFor(rng: Rng, customerType: CustomerType, county: string, industry: string) {
    const key = `${customerType}/${county}/${industry}`;
    if (!this.products.has(key)) {
      const allowed = this.ctx.products.filter(
        (p) =>
          p.customerTypes.includes(customerType) &&
          p.minAmount! <= MOST_BORROWED[customerType] &&
          (p.allCounties || p.counties.includes(county)) &&
          (p.allIndustries || p.industries.includes(industry)),
      );
      // Few borrowers need a product that starts at a million or more: popularity, scaled down by size.
      const weight = (p: HistoryProduct) => (1 + p.requestCount) * Math.min(1, 100_000 / p.minAmount!);
      this.products.set(key, allowed.length ? new WeightedTable(allowed.map((p) => [p, weight(p)])) : null);
    }
    return this.products.get(key)?.draw(rng) ?? null;
  }

  /** The products the matcher could pick for this kind of applicant (the others never fit): fewer to check. */
  private matchable(customerType: CustomerType, industry: string) {
    const key = `${customerType}/${industry}`;
    let list = this.byApplicant.get(key);
    if (!list) {
      list = this.ctx.products.filter(
        (p) => p.customerTypes.includes(customerType) && (p.allIndustries || p.industries.includes(industry)),
      );
      this.byApplicant.set(key, list);
    }
    return list;
  }

  /** Every institution kept an officer for its counties throughout the history (the seeded ones). */
  private officersFor(county: string) {
    let map = this.officerCounties.get(county);
    if (!map) {
      map = new Map([...this.ctx.institutions.keys()].map((id) => [id, [county]]));
      this.officerCounties.set(county, map);
    }
    return map;
  }

  private idOf(institution: string): string {
    return this.ctx.institutions.get(institution)!.id;
  }

  /** The random part of a request by this applicant, or null when no listed product allows them. */
  draft(rng: Rng, applicant: HistoryApplicant): Draft | null {
    const { ctx } = this;
    const industry =
      applicant.industry ??
      INDIVIDUAL_INDUSTRY[applicant.customerType as Exclude<CustomerType, 'enterprise'>].draw(rng);
    const product = this.productFor(rng, applicant.customerType, applicant.county, industry);
    if (!product) return null;
    const amount = amountFor(rng, product, applicant.customerType);
    const termMonths = termFor(rng, product);
    const need = { amount, termMonths, county: applicant.county, customerType: applicant.customerType, industry };
    const candidates = matchCandidates({
      need,
      products: this.matchable(applicant.customerType, industry),
      officerCounties: this.officersFor(applicant.county),
    });
    const directed = rng.chance(MIX.directed);

    const r = rng.float();
    const nobody = r >= MIX.cancelBeforeClaim && r < MIX.cancelBeforeClaim + MIX.noTakers;
    const respond = nobody ? Infinity : Math.max(1, rng.logNormal(...PACE.respond));
    const exclusive = directed && respond <= ctx.policy.exclusive.workingHours * 60;
    const approvedAmount = rng.chance(MIX.approvedForLess)
      ? roundedWithin(amount * (0.5 + rng.float() * 0.45), product.minAmount!, amount)
      : amount;
    const rateBp =
      Math.round((product.minRateBp! + (product.maxRateBp! - product.minRateBp!) * rng.float() ** 1.5) / 5) * 5;
    const code = REJECTION_CODE.draw(rng);
    return {
      id: rng.uuid(),
      applicant,
      product,
      industry,
      amount,
      termMonths,
      purpose: rng.pick(PURPOSES[applicant.customerType]),
      directed,
      candidates,
      cancelledAfter: r < MIX.cancelBeforeClaim ? rng.int(10, 170) : null,
      respond,
      respondCityWide: nobody ? Infinity : Math.max(1, rng.logNormal(...PACE.respondCityWide)),
      claimant: {
        first: exclusive
          ? product.institutionId
          : pickClaimant(
              rng,
              candidates.filter((c) => c.servesCounty),
            ),
        exclusive,
        cityWide: pickClaimant(rng, candidates),
      },
      contact: rng.logNormal(...PACE.contact),
      contactedAt: 0.15 + rng.float() * 0.35,
      decide: rng.logNormal(...PACE.decide),
      cancelledIn: rng.chance(MIX.cancelAfterClaim)
        ? { stage: rng.chance(0.6) ? 'contact' : 'decide', at: 0.2 + rng.float() * 0.6 }
        : null,
      decision: rng.chance(MIX.rejected)
        ? { approved: false, code, reason: rng.pick(REJECTIONS[code]) }
        : {
            approved: true,
            amount: approvedAmount,
            rateBp,
            disbursedAfter: rng.chance(MIX.disbursed) ? rng.int(120, 5 * this.workingDay) : null,
          },
      notes: { contact: rng.pick(CONTACT_NOTES), investigation: rng.pick(INVESTIGATION_NOTES) },
    };
  }

  /**
   * The request's rows for a submission at `submittedAt`, played out on the working-time calendar.
   * With `until`, its life as it stood at that instant: later actions are not taken yet, the stage
   * then running is open (reminded and breached if its timers had fired by then).
   */
  playOut(draft: Draft, submittedAt: Date, until?: Date): SimulatedRequest {
    const { policy, calendar } = this.ctx;
    const hours = officeHoursOf(policy);
    // Infinity (nobody claims) never comes: the latest instant a Date can hold.
    const after = (from: Date, minutes: number) =>
      Number.isFinite(minutes) ? addWorkingMinutes(from, Math.round(minutes), calendar, hours) : new Date(8.64e15);
    const lag = (at: Date) => new Date(at.getTime() + TIMER_LAG_MS);
    const { id, applicant, product } = draft;

    const events: EventRow[] = [];
    const stages: StageRow[] = [];
    const audits: AuditedAction[] = [];
    const cutAt = until ?? new Date(8.64e15);
    /**
     * One action of the state machine at `at`, as the transition module would record it: allowed
     * from the request's status, moving it (and its tier) as declared, with the declared note.
     */
    const step = (
      action: RequestAction,
      at: Date,
      actorId: string | null,
      extra: { note?: string | null; data?: Record<string, unknown>; tier?: PoolTier } = {},
    ) => {
      const declared: TransitionDeclaration = TRANSITIONS[action];
      if (at > cutAt) throw new LifeCut();
      const from = events.length ? request.status! : null;
      const to = nextStatus(from, action);
      if (to === null) throw new Error(`seed: ${action} from ${from} is not allowed`);
      const tier = declared.tier === 'entry' ? extra.tier : declared.tier;
      if (tier) [request.poolTier, request.tierStartedAt] = [tier, at];
      request.status = to;
      const data = tier && from === 'open' ? { tier, ...extra.data } : extra.data;
      events.push({
        requestId: id,
        actorId,
        fromStatus: from,
        toStatus: to,
        note: declared.note ?? extra.note ?? null,
        data,
        at,
        action,
        enteredTier: tier ?? null,
      });
      if (declared.audit && actorId) {
        const details = declared.audit === 'request.transition' ? { from, to } : from === 'open' ? {} : { from };
        audits.push({ action: declared.audit, actorId, subjectId: id, at, details });
      }
    };
    /** A stage ended at `completedAt`: its reminder and breach were recorded if their timers fired before that. */
    const stage = (
      name: SlaStage,
      attempt: number,
      deadline: StageDeadline,
      completedAt: Date,
      owner: string | null,
      cancelled = false,
    ) => {
      if (deadline.startsAt > cutAt) return;
      if (completedAt > cutAt) {
        // Still running at the cut: its timers have done what was due by then.
        const breachedAt = cutAt >= lag(deadline.dueAt) ? lag(deadline.dueAt) : null;
        stages.push({
          requestId: id,
          stage: name,
          attempt,
          policyVersion: policy.version,
          ownerInstitutionId: owner,
          startedAt: deadline.startsAt,
          remindAt: deadline.remindAt,
          dueAt: deadline.dueAt,
          completedAt: null,
          outcome: breachedAt ? 'breached' : null,
          remindedAt: cutAt >= lag(deadline.remindAt) ? lag(deadline.remindAt) : null,
          breachedAt,
        });
        return;
      }
      const breachedAt = completedAt >= lag(deadline.dueAt) ? lag(deadline.dueAt) : null;
      const onTime = completedAt <= deadline.dueAt;
      stages.push({
        requestId: id,
        stage: name,
        attempt,
        policyVersion: policy.version,
        ownerInstitutionId: owner,
        startedAt: deadline.startsAt,
        remindAt: deadline.remindAt,
        dueAt: deadline.dueAt,
        completedAt,
        outcome: breachedAt || !(onTime || cancelled) ? 'breached' : cancelled ? 'cancelled' : 'on_time',
        remindedAt: completedAt >= lag(deadline.remindAt) ? lag(deadline.remindAt) : null,
        breachedAt,
      });
    };

    const request: RequestRow = {
      id,
      applicantId: applicant.id,
      customerType: applicant.customerType,
      applicantName: applicant.name,
      amount: draft.amount,
      termMonths: draft.termMonths,
      purpose: draft.purpose,
      collateral: product.kind,
      county: applicant.county,
      industry: draft.industry,
      contactName: applicant.contactName,
      contactPhone: applicant.phone,
      productId: draft.directed ? product.id : null,
      status: 'submitted',
      slaPolicyVersion: policy.version,
      exclusiveInstitutionId: draft.directed ? this.idOf(product.institutionId) : null,
      createdAt: submittedAt,
      updatedAt: submittedAt,
    };
    const done = (at: Date): SimulatedRequest => {
      request.updatedAt = at;
      return { request, events, stages, audits, candidates: draft.candidates, productMinAmount: product.minAmount! };
    };
    try {
      return this.live(draft, submittedAt, { request, step, stage, done, after, lag });
    } catch (error) {
      if (!(error instanceof LifeCut) || !events.length) throw error;
      return done(events[events.length - 1]!.at);
    }
  }

  /** The life itself; each change is recorded (through `step`) after the stages it ends or starts. */
  private live(
    draft: Draft,
    submittedAt: Date,
    { request, step, stage, done, after, lag }: LifeSteps,
  ): SimulatedRequest {
    const { policy, calendar } = this.ctx;
    const { applicant } = draft;

    // Placed, then opened by the matcher a moment later; the respond clock runs from the placing.
    step('submit', submittedAt, applicant.id);
    const openedAt = new Date(submittedAt.getTime() + 2_000);
    const entryTier = draft.directed ? 'exclusive' : 'county';
    const first = respondDeadlines(policy, calendar, submittedAt, draft.directed);
    request.exclusiveUntil = first.exclusiveUntil ?? null;
    const cancelledAt = draft.cancelledAfter === null ? null : after(submittedAt, draft.cancelledAfter);
    const claimAt = after(submittedAt, draft.respond);
    const escalatedAt = lag(first.respond.dueAt);
    // The first respond window ends with the withdrawal, the claim, or the escalation at its breach.
    const firstEnd = cancelledAt ?? (claimAt <= first.respond.dueAt ? claimAt : escalatedAt);
    // The claim credits the respond attempt it ends to the claimant (requests/stages.ts, completion).
    const firstClaimant = !cancelledAt && claimAt <= first.respond.dueAt ? this.idOf(draft.claimant.first) : null;
    stage('respond', 1, first.respond, firstEnd, firstClaimant, cancelledAt !== null);
    step('open', openedAt, null, {
      tier: entryTier,
      data: { tier: entryTier, candidates: draft.candidates.length },
    });
    if (first.exclusiveUntil && firstEnd > first.exclusiveUntil) {
      step('endExclusive', first.exclusiveUntil, null);
    }
    if (cancelledAt) {
      step('cancel', cancelledAt, applicant.id);
      return done(cancelledAt);
    }

    // The respond window: claimed in time, or escalated city-wide with a fresh window at the breach.
    let claimedAt = claimAt;
    let claimant = draft.claimant.first;
    if (claimAt > first.respond.dueAt) {
      step('escalate', escalatedAt, null);
      request.exclusiveUntil = null;
      const second = respondDeadlines(policy, calendar, escalatedAt, false).respond;
      claimedAt = after(escalatedAt, draft.respondCityWide);
      claimant = draft.claimant.cityWide;
      if (!(claimedAt <= second.dueAt)) {
        // Nobody took it city-wide either: the city bureau was alerted, and it expired unassigned.
        const expiredAt = after(lag(second.dueAt), EXPIRY_WORKING_DAYS * this.workingDay);
        stage('respond', 2, second, expiredAt, null);
        step('expire', expiredAt, null);
        return done(expiredAt);
      }
      stage('respond', 2, second, claimedAt, this.idOf(claimant));
    }
    const { officerId: officer, speed } = this.ctx.institutions.get(claimant)!;
    const owner = this.idOf(claimant);
    // Contact & investigate (2 working days), then decide (5), at the claiming institution's pace.
    const contact = dayStageDeadline(policy, calendar, claimedAt, policy.contact.workingDays);
    const contactedAt = after(claimedAt, draft.contact * speed * draft.contactedAt);
    const investigatedAt = after(claimedAt, draft.contact * speed);
    // The officer records the visit on the day it happened, as the stage form does by default.
    const contacted = () =>
      step('contact', contactedAt, officer, {
        note: draft.notes.contact,
        data: { visitDate: shanghaiDay(contactedAt) },
      });
    const cancelledInContact =
      draft.cancelledIn?.stage === 'contact' ? after(claimedAt, draft.contact * speed * draft.cancelledIn.at) : null;
    stage('contact', 1, contact, cancelledInContact ?? investigatedAt, owner, cancelledInContact !== null);
    step('claim', claimedAt, officer);
    request.claimedInstitutionId = owner;
    request.claimedOfficerId = officer;
    request.claimedAt = claimedAt;
    if (cancelledInContact) {
      if (cancelledInContact > contactedAt) contacted();
      step('cancel', cancelledInContact, applicant.id);
      return done(cancelledInContact);
    }
    contacted();
    step('investigate', investigatedAt, officer, {
      note: draft.notes.investigation,
      data: { visitDate: shanghaiDay(investigatedAt) },
    });

    const decide = dayStageDeadline(policy, calendar, investigatedAt, policy.decide.workingDays);
    if (draft.cancelledIn?.stage === 'decide') {
      const at = after(investigatedAt, draft.decide * speed * draft.cancelledIn.at);
      stage('decide', 1, decide, at, owner, true);
      step('cancel', at, applicant.id);
      return done(at);
    }
    const decidedAt = after(investigatedAt, draft.decide * speed);
    stage('decide', 1, decide, decidedAt, owner);
    const { decision } = draft;
    if (!decision.approved) {
      step('reject', decidedAt, officer, {
        data: { rejectionCode: decision.code, rejectionReason: decision.reason },
      });
      request.rejectionCode = decision.code;
      request.rejectionReason = decision.reason;
      return done(decidedAt);
    }
    step('approve', decidedAt, officer, {
      data: { approvedAmount: decision.amount, approvedRateBp: decision.rateBp, approvedTermMonths: draft.termMonths },
    });
    request.approvedAmount = decision.amount;
    request.approvedRateBp = decision.rateBp;
    request.approvedTermMonths = draft.termMonths;
    if (decision.disbursedAfter === null) return done(decidedAt);
    const disbursedAt = after(decidedAt, decision.disbursedAfter);
    // The loan bears interest from the day it is disbursed, as the officer records it by default.
    const valueDate = shanghaiDay(disbursedAt);
    step('disburse', disbursedAt, officer, { data: { disbursedAmount: decision.amount, valueDate } });
    request.disbursedAmount = decision.amount;
    request.valueDate = valueDate;
    return done(disbursedAt);
  }
}

/** Thrown by a step past the `until` of playOut: the life stands as it was then. */
class LifeCut extends Error {}

/** What playOut hands its life: the request being built and the recorders of its changes and stages. */
interface LifeSteps {
  request: RequestRow;
  step: (
    action: RequestAction,
    at: Date,
    actorId: string | null,
    extra?: { note?: string | null; data?: Record<string, unknown>; tier?: PoolTier },
  ) => void;
  stage: (
    name: SlaStage,
    attempt: number,
    deadline: StageDeadline,
    completedAt: Date,
    owner: string | null,
    cancelled?: boolean,
  ) => void;
  done: (at: Date) => SimulatedRequest;
  after: (from: Date, minutes: number) => Date;
  lag: (at: Date) => Date;
}

/**
 * A submission time for an applicant: mostly soon after they registered, in office hours, some in
 * the evening or at night (下单随时点), never before the registration.
 */
export function submissionTime(rng: Rng, registeredAt: Date): Date {
  const span = HISTORY.end.getTime() - registeredAt.getTime();
  const at = atTimeOfDay(rng, new Date(registeredAt.getTime() + span * rng.float() ** 3));
  return at > registeredAt ? at : new Date(registeredAt.getTime() + rng.int(5, 60) * 60_000);
}

/** A time on the Shanghai day of `day` when applicants place requests: mostly office hours, some evenings and nights. */
export function atTimeOfDay(rng: Rng, day: Date): Date {
  const r = rng.float();
  const minuteOfDay = r < 0.72 ? rng.int(510, 1049) : r < 0.92 ? rng.int(1050, 1349) : rng.int(1350, 1949) % 1440;
  const local = day.getTime() + 8 * 3600_000;
  const midnight = local - (local % 86_400_000) - 8 * 3600_000;
  return new Date(midnight + minuteOfDay * 60_000);
}

/**
 * Brings the disbursed total to exactly the target: the loans are `disbursed` in order, and their
 * sum overshoots by `overshoot`. The last loan gives up the overshoot; where that would take it
 * below its product's minimum amount, the loans before it give up the difference, each down to
 * its own product's minimum; whatever they cannot absorb stays with the last loan (a partial
 * drawdown of its approved amount). Changes the requests' rows and their `disbursed` events.
 */
export function settleDisbursedTotal(disbursed: readonly SimulatedRequest[], overshoot: number): void {
  if (overshoot <= 0 || !disbursed.length) return;
  const amountOf = (s: SimulatedRequest) => s.request.disbursedAmount!;
  const setAmount = (s: SimulatedRequest, amount: number) => {
    s.request.disbursedAmount = amount;
    const e = s.events.find((e) => e.toStatus === 'disbursed')!;
    e.data = { ...e.data, disbursedAmount: amount };
  };
  const last = disbursed[disbursed.length - 1]!;
  const wanted = amountOf(last) - overshoot;
  let shortfall = Math.max(0, last.productMinAmount - wanted);
  for (let i = disbursed.length - 2; i >= 0 && shortfall > 0; i--) {
    const loan = disbursed[i]!;
    const give = Math.min(shortfall, amountOf(loan) - loan.productMinAmount);
    if (give > 0) {
      setAmount(loan, amountOf(loan) - give);
      shortfall -= give;
    }
  }
  const taken = Math.max(0, last.productMinAmount - wanted) - shortfall;
  setAmount(last, wanted + taken);
}
