import { CUSTOMER_TYPES, PRODUCT_KINDS } from '../catalog/enums';
import { pair, z } from '../http/zod';
import { StageClock } from '../sla-policy/views';
import { REJECTION_CODES, STAGE_OUTCOMES } from './enums';
import { POOL_TIERS, REQUEST_STATUSES, SLA_STAGES } from '../lifecycle/state-machine';

/**
 * A loan request and its timeline as the API shows them: the one definition the routes answer
 * with, the OpenAPI document describes and the web app reads (through contract.ts). Pure (zod only);
 * details.ts builds the views from the database.
 */

/** The latest attempt of an SLA stage, as a request shows it. */
export const StageView = z.object({
  attempt: z.number().int(),
  startsAt: z.string(),
  remindAt: z.string(),
  dueAt: z.string(),
  completedAt: z.string().nullable(),
  outcome: z.enum(STAGE_OUTCOMES).nullable(),
  /** Whether the promise counted a day whose year has no official holiday schedule yet (an estimate). */
  provisional: z.boolean(),
  /** The open stage's countdown as of this answer; null once the stage has ended. */
  clock: StageClock.nullable().openapi({
    description:
      "An open stage's countdown as of the answer: working seconds left, and when working time passes next as [from, to) seconds after asOf",
  }),
});
export type StageView = z.output<typeof StageView>;

/** The 321 promises so far: each stage started, with its outcome; a directed order's exclusive end. */
export const RequestDeadlines = z
  .object({
    respond: StageView.optional(),
    contact: StageView.optional(),
    decide: StageView.optional(),
    exclusiveUntil: z
      .string()
      .optional()
      .openapi({ description: 'A directed order: its institution alone until then' }),
    waitingSince: z.string().optional().openapi({
      description:
        'When the request entered the pool this time: its respond stage started, or the one it escalated from (an escalation does not restart the wait)',
    }),
  })
  .openapi({ description: 'The latest attempt of each stage started so far' });
export type RequestDeadlines = z.output<typeof RequestDeadlines>;
/** The stages' part of the deadlines, as the database gives them. */
export type Deadlines = Partial<Record<(typeof SLA_STAGES)[number], StageView>> & { waitingSince?: string };

/**
 * A loan request (融资需求) as the API sends it to the caller. Money is integer yuan, rates annual
 * percent. `masked` (officers before claiming): the name is partly hidden and there is no contact.
 * A request a bureau assigned (派单) has an institution but no officer until one takes it up.
 */
export const RequestView = z
  .object({
    id: z.string().uuid(),
    status: z.enum(REQUEST_STATUSES),
    amount: z.number().int(),
    termMonths: z.number().int(),
    purpose: z.string().openapi({
      description: 'masked views: runs of 7+ digits and e-mail addresses as ****, cut to 60 characters',
    }),
    collateral: z.enum(PRODUCT_KINDS),
    county: z.string(),
    industry: z.string(),
    customerType: z.enum(CUSTOMER_TYPES),
    masked: z.boolean().openapi({ description: 'true before a claim: name partly hidden, no contact' }),
    applicant: z.object({ name: z.string(), contactName: z.string().nullable(), contactPhone: z.string().nullable() }),
    product: z.object({ id: z.string(), name: z.string(), institutionName: z.string() }).nullable(),
    poolTier: z.enum(POOL_TIERS).nullable(),
    claimedBy: z
      .object({
        institution: z.object({ id: z.string(), name: z.string() }),
        officer: z
          .object({
            id: z.string(),
            displayName: z.string(),
            /** The officer's work phone, for the applicant to call. */
            workPhone: z.string().nullable(),
          })
          .nullable(),
        at: z.string(),
      })
      .nullable(),
    approval: z
      .object({ amount: z.number(), annualRate: z.number().nullable(), termMonths: z.number().nullable() })
      .nullable(),
    rejection: z.object({ code: z.enum(REJECTION_CODES), reason: z.string().nullable() }).nullable(),
    disbursedAmount: z.number().nullable(),
    /** 起息日 (YYYY-MM-DD), recorded at disbursement. */
    valueDate: z.string().nullable(),
    deadlines: RequestDeadlines,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('LoanRequest');
export type RequestView = z.output<typeof RequestView>;

/** What a re-plan moved (`data.replanned`): each due time before and after. */
export const ReplannedDeadline = z.object({
  stage: z.enum([...SLA_STAGES, 'exclusive']),
  attempt: z.number().int().optional(),
  dueAt: pair(z.string()),
  remindAt: pair(z.string()).optional(),
});
export type ReplannedDeadline = z.output<typeof ReplannedDeadline>;

/** What a timeline entry recorded beside its status change, by the step that wrote it. */
export const TimelineData = z
  .object({
    /** Entering the pool, or escalating: the tier it entered, and how many institutions it was offered to. */
    tier: z.enum(POOL_TIERS).nullable().optional(),
    candidates: z.number().int().optional(),
    /** Contact and investigation: the day the officer met the applicant (YYYY-MM-DD, Shanghai). */
    visitDate: z.string().optional(),
    /** An officer's stage: the terms approved, the reason for a rejection, the amount disbursed. */
    approvedAmount: z.number().optional(),
    approvedRateBp: z.number().int().optional(),
    approvedTermMonths: z.number().int().optional(),
    rejectionCode: z.enum(REJECTION_CODES).optional(),
    rejectionReason: z.string().optional(),
    disbursedAmount: z.number().optional(),
    /** 派单: the bureau user who gave the request to an institution, and the institution. */
    assignedBy: z.string().optional(),
    institutionId: z.string().optional(),
    /** 转派: the officer who held the request (none when it was assigned and nobody took it up) and the one who now does. */
    handover: z
      .object({
        from: z.object({ id: z.string(), name: z.string() }).nullable(),
        to: z.object({ id: z.string(), name: z.string() }),
      })
      .optional(),
    /** Re-opened after a rejection: the institution that rejected it, left out of the pool. */
    excludedInstitutionId: z.string().nullable().optional(),
    /** Entering a year's holiday schedule moved the request's deadlines. */
    calendarYear: z.number().int().optional(),
    replanned: z.array(ReplannedDeadline).optional(),
  })
  .openapi('TimelineData');
export type TimelineData = z.output<typeof TimelineData>;

/** One step of a request's timeline. */
export const TimelineEntry = z
  .object({
    from: z.enum(REQUEST_STATUSES).nullable(),
    to: z.enum(REQUEST_STATUSES),
    actorId: z.string().nullable().openapi({ description: 'null for the platform itself (the matcher, timers)' }),
    note: z.string().nullable(),
    data: TimelineData.nullable(),
    at: z.string(),
  })
  .openapi('TimelineEntry');
export type TimelineEntry = z.output<typeof TimelineEntry>;

export const Timeline = z.object({ items: z.array(TimelineEntry) });
export type Timeline = z.output<typeof Timeline>;

/** The grab pool (抢单大厅): the open requests an officer's institution may claim now, masked. */
export const Pool = z.object({ items: z.array(RequestView) });
export type Pool = z.output<typeof Pool>;

/** 派单: the institutions a request may be given to — every one, so the bureau's picker misses none. */
export const AssigneesView = z
  .object({ items: z.array(z.object({ id: z.string().uuid(), name: z.string() })) })
  .openapi('Assignees');
export type AssigneesView = z.output<typeof AssigneesView>;

/** 转派: the officers a claimed request may be handed to — the institution's active officers serving its county. */
export const HandoverOfficersView = z
  .object({ items: z.array(z.object({ id: z.string().uuid(), displayName: z.string() })) })
  .openapi('HandoverOfficers');
export type HandoverOfficersView = z.output<typeof HandoverOfficersView>;
