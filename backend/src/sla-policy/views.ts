import { pair, z } from '../http/zod';

/**
 * The SLA policy and a stage's countdown as the API shows them. Pure (zod only): contract.ts hands
 * them to the web app.
 */

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time.hhmm');
export const BREACH_ACTIONS = [
  'alert_county_bureau',
  'alert_city_bureau',
  'alert_institution_admin',
  'escalate_city_pool',
] as const;

/** The policy as the API reads and writes it. */
export const SlaPolicyInput = z
  .object({
    respond: z.object({ workingHours: z.number().min(0.5).max(40).multipleOf(0.25) }),
    exclusive: z.object({ workingHours: z.number().min(0.25).max(8).multipleOf(0.25) }),
    contact: z.object({ workingDays: z.number().int().min(1).max(30) }),
    decide: z.object({ workingDays: z.number().int().min(1).max(60) }),
    /** When the stage owner is reminded, as a share of the window: 2/3 by default. */
    reminderAt: z.number().gt(0).lt(1),
    officeHours: z.object({
      start: HHMM,
      end: HHMM,
      lunch: z.object({ start: HHMM, end: HHMM }).nullable(),
    }),
    breachActions: z.object({
      respond: z.array(z.enum(BREACH_ACTIONS)),
      respondAgain: z.array(z.enum(BREACH_ACTIONS)),
      contact: z.array(z.enum(BREACH_ACTIONS)),
      decide: z.array(z.enum(BREACH_ACTIONS)),
    }),
  })
  .superRefine((p, ctx) => {
    const { start, end, lunch } = p.officeHours;
    if (start >= end) ctx.addIssue({ code: 'custom', path: ['officeHours', 'end'], message: 'range.minAboveMax' });
    if (lunch && !(start < lunch.start && lunch.start < lunch.end && lunch.end < end)) {
      ctx.addIssue({ code: 'custom', path: ['officeHours', 'lunch'], message: 'lunch.outsideHours' });
    }
    if (p.exclusive.workingHours >= p.respond.workingHours) {
      ctx.addIssue({ code: 'custom', path: ['exclusive', 'workingHours'], message: 'exclusive.notInsideRespond' });
    }
  });
export type SlaPolicyInputType = z.output<typeof SlaPolicyInput>;

/** A published policy version (`GET /sla/policy`). */
export const SlaPolicyView = SlaPolicyInput.and(z.object({ version: z.number().int(), createdAt: z.string() })).openapi(
  'SlaPolicy',
);
export type SlaPolicy = z.output<typeof SlaPolicyView>;

/**
 * An open stage's countdown as of an answer (see countdown.ts): working seconds left, and when
 * working time passes next as [from, to) seconds after `asOf`.
 */
export const StageClock = z.object({
  /** The platform's time when the snapshot was taken. */
  asOf: z.string(),
  /** Working seconds from `asOf` to the due time; negative once overdue, by that much working time. */
  workingSecondsLeft: z.number().int(),
  /** When working time passes in the following day, as [from, to) seconds after `asOf`. */
  runs: z.array(pair(z.number().int())),
  /** The length of a working day under the stage's office hours: what "working days" left are counted in. */
  workingSecondsPerDay: z.number().int().positive(),
});
export type StageClock = z.output<typeof StageClock>;
