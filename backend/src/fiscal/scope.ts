import { eq, getTableColumns, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { Executor } from '../db/client';
import { AppError } from '../http/errors';
import { regions } from '../reference/schema';
import { programs } from './schema';

/**
 * Whose a program is (fiscal-design.md): the bureau of its funding region manages it — the city
 * bureau the city's programs, a county bureau its county's; the city bureau and the admin read
 * every program, a county bureau its county's and the city's (which cover its county too).
 */

export type ProgramRow = typeof programs.$inferSelect & { fundedByCity: boolean };

/** The program with whether the city funds it (the region's level decides, not a code written here). */
export async function findProgram(db: Executor, id: string): Promise<ProgramRow | undefined> {
  const [row] = await db
    .select({ ...getTableColumns(programs), level: regions.level })
    .from(programs)
    .innerJoin(regions, eq(regions.code, programs.region))
    .where(eq(programs.id, id));
  if (!row) return undefined;
  const { level, ...program } = row;
  return { ...program, fundedByCity: level === 'city' };
}

export const regionOutOfScope = () =>
  new AppError('FORBIDDEN', [{ path: 'region', message: 'program.regionOutOfScope' }]);

export function managesProgram(actor: Actor, program: ProgramRow): boolean {
  if (actor.role !== 'bureau') return false;
  return actor.county === null ? program.fundedByCity : program.region === actor.county;
}

/** 403 naming the region unless the actor is the bureau of the program's funding region. */
export function assertManages(actor: Actor, program: ProgramRow): void {
  if (!managesProgram(actor, program)) throw regionOutOfScope();
}

export function readsProgram(actor: Actor, program: ProgramRow): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'bureau') return false;
  return actor.county === null || program.fundedByCity || program.region === actor.county;
}

/**
 * The programs a bureau or the admin reads, as a condition on `programs` (undefined: all of them);
 * not for other roles, whose reach goes through their loans.
 */
export function programsReadBy(actor: Actor): SQL | undefined {
  if (actor.role !== 'bureau' || actor.county === null) return undefined;
  return or(
    eq(programs.region, actor.county),
    sql`${programs.region} in (select ${regions.code} from ${regions} where ${regions.level} = 'city')`,
  );
}
