import { count, eq, ne, sql } from 'drizzle-orm';
import { hashPassword } from '@lcfin/backend/auth/passwords';
import { users } from '@lcfin/backend/auth/schema';
import type { Database } from '@lcfin/backend/db/client';
import { CLAIM_STATUSES } from '@lcfin/backend/fiscal/enums';
import { leverage } from '@lcfin/backend/fiscal/rules';
import { programClaims, programEnrollments, programs, servicingReports } from '@lcfin/backend/fiscal/schema';
import { createApiClient } from '../lib/api-client';
import { API } from '../lib/lending';
import { withSeededPlatform } from '../lib/platform';
import type { BenchSuite, Measurement } from '../suite';
import { CLIENTS, databaseBytes, load, signInCityBureau, type Endpoint } from './supervision';

/**
 * Issue 17's benchmark: the city bureau's whole-life fiscal view (财金协同) on the Liaocheng-scale
 * dataset with two years of servicing reports and their claims, 20 concurrent clients, every
 * answer checked against the database.
 */

/** What the database says the whole-life view must add up to. */
interface Expected {
  programs: number;
  loansCovered: number;
  coveredAmount: number;
  claims: Record<string, { count: number; amountFen: number }>;
  budgetFen: number;
  committedFen: number;
  paidFen: number;
  leverage: number | null;
}

const FISCAL_VIEW: Endpoint<Expected> = {
  key: 'view',
  label: "city bureau's whole-life fiscal view",
  path: `${API}/supervision/fiscal`,
  check: (body, expected) => {
    const items = body.items as unknown[];
    if (items.length !== expected.programs) return `${items.length} programs, not ${expected.programs}`;
    const total = body.total as Record<string, unknown>;
    const { programs: _, ...figures } = expected;
    const wrong = Object.entries(figures).filter(
      ([key, value]) => JSON.stringify(total[key]) !== JSON.stringify(value),
    );
    return wrong.length
      ? `total ${wrong.map(([key, value]) => `${key} ${JSON.stringify(total[key])} (not ${JSON.stringify(value)})`).join(', ')}`
      : undefined;
  },
};

export const fiscal: BenchSuite = {
  name: 'fiscal',
  title: "Fiscal instruments: the city bureau's whole-life fiscal view on the Liaocheng-scale dataset (real platform)",
  // The seed and the platform's start, as the supervision suite, and the fiscal history's rows.
  extraBudgetSeconds: () => 420,
  run: (ctx) =>
    withSeededPlatform(ctx, { workers: false }, async ({ db, origin }) => {
      const api = createApiClient(origin, { maxSockets: CLIENTS });
      try {
        const token = await signInCityBureau(db, api);
        const started = performance.now();
        const generated = await ensureFiscalHistory(db);
        const historyMs = performance.now() - started;
        const expected = await expectedView(db);
        const rows = await tableRows(db);
        const results: Measurement[] = [
          { metric: 'fiscal.servicing_reports', value: rows.reports, unit: 'rows' },
          { metric: 'fiscal.claims', value: rows.claims, unit: 'rows' },
          { metric: 'fiscal.enrolments', value: rows.enrolments, unit: 'rows' },
          ...(await load(ctx, api, token, FISCAL_VIEW, expected, {
            suite: 'fiscal',
            p95Baseline: 'baseline.express.p99',
          })),
        ];
        ctx.note(
          `Setup: a throwaway PostgreSQL database seeded with \`loadLiaochengSeed\`, ` +
            (generated
              ? `then (the seed having no fiscal programs) the bench's own fiscal history in ${(historyMs / 1000).toFixed(1)} s: `
              : "with the seed's fiscal history: ") +
            `${expected.programs} programs, ${rows.enrolments.toLocaleString('en-US')} enrolments, ` +
            `${rows.reports.toLocaleString('en-US')} servicing reports, ${rows.claims.toLocaleString('en-US')} claims; ` +
            `${((await databaseBytes(db)) / 2 ** 20).toFixed(0)} MiB. The real platform in a child process as in ` +
            'the supervision suite; the city bureau (no county) by bearer token.',
        );
        ctx.note(
          `Load: ${CLIENTS} closed-loop clients GET \`/supervision/fiscal\` (no region, no period: every program, ` +
            `whole life) back to back for ${ctx.seconds} s after an untimed ${ctx.warmupSeconds} s warm-up. The first ` +
            "answer's totals (loans covered and amount, claims by state, budget, committed, paid, leverage) are " +
            'checked against sums computed here from the tables; every later answer must be 200 with the same body ' +
            '(`.mismatches`, must be 0). The p95 ratio is against bare Express under autocannon, whose report has ' +
            'no p95: its p99, so only a rough scale.',
        );
        return results;
      } finally {
        api.close();
      }
    }),
};

async function tableRows(db: Database) {
  const rows = async (table: typeof programClaims | typeof servicingReports | typeof programEnrollments) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    claims: await rows(programClaims),
    reports: await rows(servicingReports),
    enrolments: await rows(programEnrollments),
  };
}

/** The whole-life view's totals, from the tables directly (not through the code under test). */
async function expectedView(db: Database): Promise<Expected> {
  const running = ne(programs.status, 'draft');
  const [money] = await db
    .select({
      programs: count(),
      budgetFen: sql`coalesce(sum(${programs.budgetFen}), 0)`.mapWith(Number),
      committedFen: sql`coalesce(sum(${programs.committedFen}), 0)`.mapWith(Number),
      paidFen: sql`coalesce(sum(${programs.paidFen}), 0)`.mapWith(Number),
    })
    .from(programs)
    .where(running);
  const [covered] = await db
    .select({ loans: count(), amount: sql`coalesce(sum(${programEnrollments.principal}), 0)`.mapWith(Number) })
    .from(programEnrollments)
    .innerJoin(programs, eq(programs.id, programEnrollments.programId))
    .where(running);
  const byStatus = await db
    .select({
      status: programClaims.status,
      count: count(),
      amountFen: sql`sum(${programClaims.amountFen})`.mapWith(Number),
    })
    .from(programClaims)
    .innerJoin(programs, eq(programs.id, programClaims.programId))
    .where(running)
    .groupBy(programClaims.status);
  const claims = Object.fromEntries(
    CLAIM_STATUSES.map((s) => {
      const row = byStatus.find((r) => r.status === s);
      return [s, { count: row?.count ?? 0, amountFen: row?.amountFen ?? 0 }];
    }),
  );
  return {
    programs: money!.programs,
    loansCovered: covered!.loans,
    coveredAmount: covered!.amount,
    claims,
    budgetFen: money!.budgetFen,
    committedFen: money!.committedFen,
    paidFen: money!.paidFen,
    leverage: leverage(covered!.amount * 100, money!.paidFen),
  };
}

/**
 * The Liaocheng seed's fiscal history when it has one; else (until it does) the bench's own, in a
 * few set-based statements over the seed's disbursed loans: a city 贴息 program covering every
 * loan, with a quarterly servicing report for each of its first eight quarters up to today (two
 * years), a 1% subsidy claim per report — paid when the quarter ended more than 60 days ago, else
 * somewhere between submitted and approved — and the ledger and the program's money to match;
 * and each county's risk-compensation pool covering half its county's loans. Returns whether it
 * wrote them.
 */
async function ensureFiscalHistory(db: Database): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(programs);
  if (existing!.n > 0) return false;
  const checker = await db
    .insert(users)
    .values({
      username: 'bench.bureau.checker',
      passwordHash: await hashPassword('bench-password-2026'),
      role: 'bureau',
      displayName: '聊城市财政局复核（基准测试）',
      regionCode: null,
    })
    .returning({ id: users.id });
  const [reviewer] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'bench.bureau.city'));
  const [r, c] = [reviewer!.id, checker[0]!.id];
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into programs (kind, name, policy_ref, region, budget_fen, starts_on, ends_on, status, eligibility,
                            terms, created_by, activated_at)
      select 'interest_subsidy', '创业担保贷款贴息', '聊财金〔2023〕1号', '371500', 1e14::bigint, '2020-01-01'::date,
             '2030-12-31'::date, 'active', '{}'::jsonb, '{"subsidyRateBp":100}'::jsonb, ${r}::uuid, now()
      union all
      select 'risk_compensation', name || '风险补偿资金池', null, code, 1e14::bigint, '2020-01-01'::date,
             '2030-12-31'::date, 'active', '{}'::jsonb, '{"lossShareBp":4000}'::jsonb, ${r}::uuid, now()
      from regions where level = 'county'`);
    await tx.execute(sql`
      insert into program_enrollments (program_id, request_id, principal, value_date)
      select p.id, d.request_id, d.amount, d.day
      from supervision_disbursals d
      join programs p on p.region = '371500' or (p.region = d.county and get_byte(decode(md5(d.request_id::text), 'hex'), 0) % 2 = 0)`);
    // One lender's officer reports for each institution's loans.
    await tx.execute(sql`
      insert into servicing_reports (request_id, period_start, period_end, outstanding_principal, interest_paid_fen,
                                     status, reported_by, reported_at)
      select e.request_id, e.value_date + q * 91, e.value_date + (q + 1) * 91, e.principal,
             round(e.principal * 100 * 0.0435 * 91 / 360), 'normal', coalesce(o.id, lr.applicant_id),
             (e.value_date + (q + 1) * 91)::timestamptz
      from program_enrollments e
      join programs p on p.id = e.program_id and p.region = '371500'
      join loan_requests lr on lr.id = e.request_id
      left join lateral (select u.id from users u where u.institution_id = lr.claimed_institution_id limit 1) o on true
      cross join generate_series(0, 7) q
      where e.value_date + (q + 1) * 91 <= current_date`);
    await tx.execute(sql`
      insert into program_claims (program_id, request_id, report_id, period_start, period_end, amount_fen, status,
                                  payee, claimed_by, claimed_at, reviewed_by, reviewed_at, checked_by, checked_at,
                                  paid_on, voucher_no, paid_by)
      select p.id, s.request_id, s.id, s.period_start, s.period_end, a.fen, st.status,
             jsonb_build_object('name', lr.applicant_name, 'accountName', lr.applicant_name, 'bankName', '聊城农商银行',
                                'accountNo', '62284800' || lpad((abs(hashtext(lr.id::text)::bigint) % 100000000)::text, 8, '0')),
             lr.applicant_id, s.reported_at + interval '1 day',
             case when st.status <> 'submitted' then ${r}::uuid end,
             case when st.status <> 'submitted' then s.reported_at + interval '5 days' end,
             case when st.status in ('approved', 'paid') then ${c}::uuid end,
             case when st.status in ('approved', 'paid') then s.reported_at + interval '10 days' end,
             case when st.status = 'paid' then s.period_end + 30 end,
             case when st.status = 'paid' then '聊财贴〔' || to_char(s.period_end, 'YYYYMMDD') || '〕' || left(s.id::text, 8) end,
             case when st.status = 'paid' then ${r}::uuid end
      from servicing_reports s
      join loan_requests lr on lr.id = s.request_id
      join programs p on p.region = '371500'
      cross join lateral (select least(s.interest_paid_fen,
                                       round(s.outstanding_principal * 100 * 0.01 * 91 / 360))::bigint as fen) a
      cross join lateral (select case
               when s.period_end < current_date - 60 then 'paid'
               else (array['submitted', 'reviewed', 'approved', 'rejected'])[1 + abs(hashtext(s.id::text)::bigint) % 4]
             end as status) st
      where a.fen > 0`);
    await tx.execute(sql`
      insert into program_ledger (program_id, claim_id, kind, amount_fen, "on", actor_id)
      select program_id, id, 'commit', amount_fen, checked_at::date, checked_by
      from program_claims where status in ('approved', 'paid')
      union all
      select program_id, id, 'pay', amount_fen, paid_on, paid_by from program_claims where status = 'paid'`);
    // The budget: what was committed and paid, and a quarter more still to spend.
    await tx.execute(sql`
      update programs p
      set committed_fen = m.committed, paid_fen = m.paid, budget_fen = greatest((m.committed + m.paid) * 5 / 4, 100000000)
      from (select p2.id,
                   coalesce(sum(c.amount_fen) filter (where c.status = 'approved'), 0) as committed,
                   coalesce(sum(c.amount_fen) filter (where c.status = 'paid'), 0) as paid
            from programs p2 left join program_claims c on c.program_id = p2.id group by p2.id) m
      where m.id = p.id`);
  });
  await db.execute(sql`analyze programs, program_enrollments, servicing_reports, program_claims, program_ledger`);
  return true;
}
