import { desc, eq } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import { recordAudit } from '../audit/service';
import type { Database, Executor } from '../db/client';
import { inTransaction } from '../db/transaction';
import { AppError } from '../http/errors';
import { z } from '../http/zod';
import type { SlaContext } from '../clock/clock';
import type { OfficeHours } from '../calendar/working-time';
import { slaPolicies } from './schema';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time.hhmm');
const ACTIONS = ['alert_county_bureau', 'alert_city_bureau', 'alert_institution_admin', 'escalate_city_pool'] as const;

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
      respond: z.array(z.enum(ACTIONS)),
      respondAgain: z.array(z.enum(ACTIONS)),
      contact: z.array(z.enum(ACTIONS)),
      decide: z.array(z.enum(ACTIONS)),
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

/** The published reading of "321" (domain spec): 3 working hours, 2 working days, 1 working week. */
export const DEFAULT_POLICY: SlaPolicyInputType = {
  respond: { workingHours: 3 },
  exclusive: { workingHours: 1 },
  contact: { workingDays: 2 },
  decide: { workingDays: 5 },
  reminderAt: 2 / 3,
  officeHours: { start: '09:00', end: '17:00', lunch: null },
  breachActions: {
    respond: ['alert_county_bureau', 'escalate_city_pool'],
    respondAgain: ['alert_city_bureau'],
    contact: ['alert_institution_admin', 'alert_county_bureau'],
    decide: ['alert_institution_admin', 'alert_county_bureau'],
  },
};

type PolicyRow = typeof slaPolicies.$inferSelect;

export interface SlaPolicy extends SlaPolicyInputType {
  version: number;
  createdAt: string;
}

export function policyView(row: PolicyRow): SlaPolicy {
  return {
    version: row.version,
    respond: { workingHours: row.respondMinutes / 60 },
    exclusive: { workingHours: row.exclusiveMinutes / 60 },
    contact: { workingDays: row.contactDays },
    decide: { workingDays: row.decideDays },
    reminderAt: row.reminderPermille / 1000,
    officeHours: {
      start: row.officeStart,
      end: row.officeEnd,
      lunch: row.lunchStart && row.lunchEnd ? { start: row.lunchStart, end: row.lunchEnd } : null,
    },
    breachActions: row.breachActions as SlaPolicyInputType['breachActions'],
    createdAt: row.createdAt.toISOString(),
  };
}

export function officeHoursOf(policy: SlaPolicy): OfficeHours {
  return { start: policy.officeHours.start, end: policy.officeHours.end, lunch: policy.officeHours.lunch ?? undefined };
}

function toRow(input: SlaPolicyInputType, actor: Actor | null) {
  return {
    respondMinutes: Math.round(input.respond.workingHours * 60),
    exclusiveMinutes: Math.round(input.exclusive.workingHours * 60),
    contactDays: input.contact.workingDays,
    decideDays: input.decide.workingDays,
    reminderPermille: Math.round(input.reminderAt * 1000),
    officeStart: input.officeHours.start,
    officeEnd: input.officeHours.end,
    lunchStart: input.officeHours.lunch?.start ?? null,
    lunchEnd: input.officeHours.lunch?.end ?? null,
    breachActions: input.breachActions,
    createdBy: actor?.id ?? null,
  };
}

export async function policyVersion(db: Executor, version: number): Promise<SlaPolicy> {
  const [row] = await db.select().from(slaPolicies).where(eq(slaPolicies.version, version));
  if (!row) throw new AppError('SERVICE_UNAVAILABLE');
  return policyView(row);
}

/** Policy versions are only ever added, never changed: each platform reads each version once. */
const knownVersions = new WeakMap<SlaContext, Map<number, SlaPolicy>>();

/** `policyVersion`, read once per platform (its SLA context): claims and transitions need it on every change. */
export async function cachedPolicyVersion(db: Executor, sla: SlaContext, version: number): Promise<SlaPolicy> {
  const known = knownVersions.get(sla) ?? new Map<number, SlaPolicy>();
  knownVersions.set(sla, known);
  const cached = known.get(version);
  if (cached) return cached;
  const policy = await policyVersion(db, version);
  known.set(version, policy);
  return policy;
}

/** The policy in force: the newest version. */
export async function currentPolicy(db: Executor): Promise<SlaPolicy> {
  const [row] = await db.select().from(slaPolicies).orderBy(desc(slaPolicies.version)).limit(1);
  if (!row) throw new AppError('SERVICE_UNAVAILABLE');
  return policyView(row);
}

/** Saves a new version; requests already under way keep theirs. */
export async function publishPolicy(db: Database, actor: Actor, input: SlaPolicyInputType): Promise<SlaPolicy> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.insert(slaPolicies).values(toRow(input, actor)).returning();
    await recordAudit(tx, actor, 'sla_policy.publish', String(row!.version));
    return policyView(row!);
  });
}

/** The default policy on an empty database. */
export async function ensurePolicy(db: Executor): Promise<void> {
  const [any] = await db.select({ version: slaPolicies.version }).from(slaPolicies).limit(1);
  if (!any) await db.insert(slaPolicies).values(toRow(DEFAULT_POLICY, null));
}
