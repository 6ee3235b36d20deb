import { eq } from 'drizzle-orm';
import { users } from '../auth/schema';
import { loanRequests } from '../requests/schema';
import { post, type SignedIn, type TestPlatform } from './platform';
import type { ProgramKind } from '../fiscal/enums';
import type { ProgramEligibility } from '../fiscal/rules';
import { programEnrollments, programs, type StoredTerms } from '../fiscal/schema';

/**
 * The claims tests' fixtures: a disbursed loan through the API, and programs and enrolments
 * written as the programs module and the enrolment worker write them.
 */

/** Yuan lent on every fixture loan. */
export const PRINCIPAL = 300_000;

/** `who`'s ordinary request, claimed and taken to disbursement by `officer`; value date: today. */
export async function disbursedLoan(t: TestPlatform, who: SignedIn, officer: SignedIn): Promise<string> {
  const id = await t.openRequest(who);
  await post(officer, `/loan-requests/${id}/claim`).expect(200);
  for (const step of [
    { to: 'contacted' },
    { to: 'investigated' },
    { to: 'approved', approvedAmount: PRINCIPAL, annualRate: 4.35, termMonths: 12 },
    { to: 'disbursed', disbursedAmount: PRINCIPAL },
  ]) {
    await post(officer, `/loan-requests/${id}/transition`, step).expect(200);
  }
  return id;
}

export interface ProgramSpec {
  kind: ProgramKind;
  terms: StoredTerms;
  budgetFen?: number;
  /** The funding region: the city's by default. */
  region?: string;
  status?: 'draft' | 'active' | 'closed';
  eligibility?: ProgramEligibility;
  startsOn?: string;
  endsOn?: string;
}

export async function createProgram(t: TestPlatform, spec: ProgramSpec): Promise<string> {
  const [creator] = await t.platform.db.select({ id: users.id }).from(users).where(eq(users.username, 'bureau.city'));
  const [program] = await t.platform.db
    .insert(programs)
    .values({
      kind: spec.kind,
      name: `测试项目 ${spec.kind}`,
      region: spec.region ?? '371500',
      budgetFen: spec.budgetFen ?? 100_000_000,
      startsOn: spec.startsOn ?? '2025-01-01',
      endsOn: spec.endsOn ?? '2025-12-31',
      status: spec.status ?? 'active',
      eligibility: spec.eligibility ?? {},
      terms: spec.terms,
      createdBy: creator!.id,
    })
    .returning({ id: programs.id });
  return program!.id;
}

/** Enrols a disbursed loan in a program, with its principal and value date. */
export async function enrol(t: TestPlatform, programId: string, requestId: string): Promise<void> {
  const [loan] = await t.platform.db.select().from(loanRequests).where(eq(loanRequests.id, requestId));
  await t.platform.db
    .insert(programEnrollments)
    .values({ programId, requestId, principal: loan!.disbursedAmount!, valueDate: loan!.valueDate! });
}

/** A second city bureau account, for the two-person rule. */
export async function secondCityBureau(t: TestPlatform, admin: SignedIn): Promise<SignedIn> {
  const account = { username: 'bureau.fuhe', password: 'Checker2025x', role: 'bureau', displayName: '市财政局复核员' };
  await post(admin, '/accounts', account).expect(201);
  return t.signIn(account.username, account.password);
}
