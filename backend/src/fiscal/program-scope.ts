import { eq } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { Executor } from '../db/client';
import { AppError } from '../http/errors';
import { regions } from '../reference/schema';
import type { ProgramEligibility, ProgramTerms } from './rules';
import { programs } from './schema';

/**
 * A program as the other steps of the fiscal module see it: whose region's money it is, who may act
 * on it, and the rule and terms the pure arithmetic takes.
 */

export type ProgramRow = typeof programs.$inferSelect;

/** The city's region code (the programs funded city-wide carry it). */
export async function cityCodeOf(db: Executor): Promise<string> {
  const [city] = await db.select({ code: regions.code }).from(regions).where(eq(regions.level, 'city'));
  return city!.code;
}

/** The region whose money a bureau user manages: its county's, or the city's. */
const managedRegion = (actor: Actor, cityCode: string) => (actor.role === 'bureau' ? (actor.county ?? cityCode) : null);

const outOfRegion = () => new AppError('FORBIDDEN', [{ path: 'region', message: 'program.regionOutOfScope' }]);

/** Only the funding region's bureau acts on a program (creates, changes, reviews, pays). */
export function assertManages(actor: Actor, program: { region: string }, cityCode: string): void {
  if (managedRegion(actor, cityCode) !== program.region) throw outOfRegion();
}

/** A program's terms as the pure rules take them. */
export const programTerms = (p: ProgramRow): ProgramTerms => ({ kind: p.kind, ...p.terms });

/**
 * The rule a loan must meet: the program's eligibility, and a county's money stays in its county
 * (a county program without a county list covers its own county).
 */
export function programRule(p: ProgramRow, cityCode: string): ProgramEligibility {
  if (p.region === cityCode || p.eligibility.counties?.length) return p.eligibility;
  return { ...p.eligibility, counties: [p.region] };
}

/** The active programs, for the catalog's marks and the eligibility shown before anyone borrows. */
export function activePrograms(db: Executor): Promise<ProgramRow[]> {
  return db.select().from(programs).where(eq(programs.status, 'active'));
}
