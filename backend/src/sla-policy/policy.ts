import { desc, eq } from 'drizzle-orm';
import { users } from '../auth/schema';
import type { Actor } from '../access/roles';
import { recordAudit } from '../audit/service';
import type { Database, Executor } from '../db/client';
import { inTransaction } from '../db/transaction';
import { AppError } from '../http/errors';
import type { SlaContext } from '../clock/clock';
import type { OfficeHours } from '../calendar/working-time';
import { slaPolicies } from './schema';
import { SlaPolicyInput, type SlaPolicy, type SlaPolicyInputType } from './views';

export { SlaPolicyInput, type SlaPolicy, type SlaPolicyInputType };

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

export function officeHoursOf(policy: SlaPolicyInputType): OfficeHours {
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

/** Every version, newest first, with the username of who published it (none for the platform's default). */
export async function policyHistory(db: Executor): Promise<(SlaPolicy & { createdBy: string | null })[]> {
  const rows = await db
    .select({ policy: slaPolicies, createdBy: users.username })
    .from(slaPolicies)
    .leftJoin(users, eq(users.id, slaPolicies.createdBy))
    .orderBy(desc(slaPolicies.version));
  return rows.map((r) => ({ ...policyView(r.policy), createdBy: r.createdBy }));
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
