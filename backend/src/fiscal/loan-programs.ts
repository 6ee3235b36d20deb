import { eq } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { SlaContext } from '../clock/clock';
import type { Database } from '../db/client';
import { regions } from '../reference/schema';
import { loanRequests } from '../requests/schema';
import { getRequest } from '../requests/service';
import { shanghaiDay } from '../requests/stage-rules';
import { loanFactsOf, selectLoanFacts } from './enrolment';
import { activePrograms, cityCodeOf, programRule } from './program-scope';
import { programView } from './programs';
import { isEligible } from './rules';
import { programEnrollments, programs } from './schema';

/**
 * `GET /loan-requests/:id/programs`: for a disbursed loan, the programs it is enrolled in; before
 * that, the active programs it would qualify for as it stands (asked, or approved).
 */
export async function loanPrograms(db: Database, sla: SlaContext, actor: Actor, requestId: string) {
  const request = await getRequest(db, sla, actor, requestId);
  const names = new Map((await db.select().from(regions)).map((r) => [r.code, r.name]));
  const regionName = (code: string) => names.get(code) ?? code;
  if (request.status === 'disbursed') {
    const rows = await db
      .select({ program: programs, enrolment: programEnrollments })
      .from(programEnrollments)
      .innerJoin(programs, eq(programs.id, programEnrollments.programId))
      .where(eq(programEnrollments.requestId, requestId))
      .orderBy(programs.createdAt);
    return {
      items: rows.map(({ program, enrolment }) => ({
        program: programView(program, regionName(program.region)),
        status: 'enrolled' as const,
        principal: enrolment.principal,
        valueDate: enrolment.valueDate,
      })),
    };
  }
  if (request.status === 'cancelled' || request.status === 'expired' || request.status === 'rejected')
    return { items: [] };
  const [loan] = await selectLoanFacts(db).where(eq(loanRequests.id, requestId));
  const cityCode = await cityCodeOf(db);
  const today = shanghaiDay(sla.now());
  const facts = loanFactsOf(loan!);
  const eligible = (await activePrograms(db)).filter(
    (p) => p.endsOn >= today && isEligible(programRule(p, cityCode), facts),
  );
  return {
    items: eligible.map((program) => ({
      program: programView(program, regionName(program.region)),
      status: 'eligible' as const,
      principal: null,
      valueDate: null,
    })),
  };
}
