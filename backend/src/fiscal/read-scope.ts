import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { Executor } from '../db/client';
import { AppError } from '../http/errors';
import { regions } from '../reference/schema';
import type { ProgramRow } from './program-scope';
import { programs } from './schema';

/**
 * Who reads a program's money and claims (fiscal-design.md): the admin and the city bureau every
 * program's, a county bureau its county's and the city's (whose programs cover its county too).
 * Acting on them is the funding region's bureau alone (program-scope.ts assertManages).
 */

export async function findProgram(db: Executor, id: string): Promise<ProgramRow> {
  const [program] = await db.select().from(programs).where(eq(programs.id, id));
  if (!program) throw new AppError('NOT_FOUND');
  return program;
}

export function readsProgram(actor: Actor, program: ProgramRow, cityCode: string): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'bureau') return false;
  return actor.county === null || program.region === cityCode || program.region === actor.county;
}

/** The programs a bureau or the admin reads, as a condition on `programs` (undefined: every one). */
export function programsReadBy(actor: Actor): SQL | undefined {
  if (actor.role !== 'bureau' || actor.county === null) return undefined;
  return or(
    eq(programs.region, actor.county),
    sql`${programs.region} in (select ${regions.code} from ${regions} where ${regions.level} = 'city')`,
  );
}
