import type { ProgramBody } from '../fiscal/views';
import { post, type SignedIn, type TestPlatform } from './platform';

/** Yuan lent on every loan `disbursedLoan` (testing/loans.ts) makes by default. */
export const PRINCIPAL = 300_000;

/** A program `bureau` drafts through the API: a city-wide 1 % 贴息 over 2025 unless `change` says otherwise. */
export async function draftProgram(bureau: SignedIn, change: Partial<ProgramBody> = {}): Promise<string> {
  const res = await post(bureau, '/programs', {
    kind: 'interest_subsidy',
    name: '测试贴息项目',
    region: '371500',
    budget: 1_000_000,
    startsOn: '2025-01-01',
    endsOn: '2025-12-31',
    params: { subsidyRatePct: 1 },
    ...change,
  });
  if (res.status !== 201) throw new Error(`drafting a program failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** The same, activated: the loans already disbursed within its period that qualify enrol at once. */
export async function activeProgram(bureau: SignedIn, change: Partial<ProgramBody> = {}): Promise<string> {
  const id = await draftProgram(bureau, change);
  await post(bureau, `/programs/${id}/activate`).expect(200);
  return id;
}

/** Another bureau account (the city's unless `county`), for the two-person rule and the regions. */
export async function bureauAccount(
  t: TestPlatform,
  admin: SignedIn,
  who: { username: string; displayName: string; county?: string },
): Promise<SignedIn> {
  const account = { ...who, password: 'Bureau2025x', role: 'bureau' };
  await post(admin, '/accounts', account).expect(201);
  return t.signIn(who.username, account.password);
}
