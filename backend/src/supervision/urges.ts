import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service';
import type { Actor } from '../access/roles';
import { users } from '../auth/schema';
import type { Executor } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { inTransaction } from '../db/transaction';
import { AppError } from '../http/errors';
import { offsetOf, pageOf } from '../http/pagination';
import { institutions } from '../institutions/schema';
import { notify } from '../notifications/service';
import { recordEvent } from '../outbox/outbox';
import { loanRequests, slaStages } from '../requests/schema';
import type { SlaStage } from '../lifecycle/state-machine';
import { shanghaiIso } from '../sla-policy/deadlines';
import { urges } from './schema';
import { inCounty, outOfScope, scopeOf, type SupervisionContext } from './scope';
import type { UrgeState } from './enums';

/** An urge is resolved when its stage completes, acknowledged once the institution answered. */
const urgeStateSql = sql<UrgeState>`case when ${slaStages.completedAt} is not null then 'resolved'
  when ${urges.acknowledgedAt} is not null then 'acknowledged' else 'open' end`;

const urgedByUser = sql`(select ${users.displayName} from ${users} where ${users.id} = ${urges.urgedBy})`;

export function selectUrges(db: Executor) {
  return db
    .select({
      urge: urges,
      state: urgeStateSql,
      stage: slaStages.stage,
      resolvedAt: slaStages.completedAt,
      institutionName: institutions.name,
      urgedByName: sql<string>`${urgedByUser}`,
      amount: loanRequests.amount,
      termMonths: loanRequests.termMonths,
    })
    .from(urges)
    .innerJoin(slaStages, eq(slaStages.id, urges.stageId))
    .innerJoin(loanRequests, eq(loanRequests.id, urges.requestId))
    .innerJoin(institutions, eq(institutions.id, urges.institutionId));
}

export function urgeView(row: Awaited<ReturnType<typeof selectUrges>>[number]) {
  const u = row.urge;
  return {
    id: u.id,
    breachId: u.stageId,
    stage: row.stage,
    state: row.state,
    request: { id: u.requestId, county: u.county, amount: row.amount, termMonths: row.termMonths },
    institution: { id: u.institutionId, name: row.institutionName },
    note: u.note,
    urgedBy: { id: u.urgedBy, displayName: row.urgedByName },
    urgedAt: shanghaiIso(u.urgedAt),
    acknowledgedAt: u.acknowledgedAt ? shanghaiIso(u.acknowledgedAt) : null,
    acknowledgedBy: u.acknowledgedBy,
    acknowledgementNote: u.acknowledgementNote,
    resolvedAt: row.state === 'resolved' && row.resolvedAt ? shanghaiIso(row.resolvedAt) : null,
  };
}
export type UrgeView = ReturnType<typeof urgeView>;

async function findUrge(db: Executor, id: string): Promise<UrgeView | null> {
  const [row] = await selectUrges(db).where(eq(urges.id, id));
  return row ? urgeView(row) : null;
}

const STAGE_NAMES: Record<SlaStage, string> = {
  respond: '响应（抢单）',
  contact: '对接与贷前调查',
  decide: '审批反馈',
};

/** Active staff of an institution who hear of an urge: its admins and the officer handling the request. */
async function urgeRecipients(db: Executor, institutionId: string, officerId: string | null): Promise<string[]> {
  const staff = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(eq(users.institutionId, institutionId), eq(users.status, 'active')));
  // Nobody has taken the request up yet (an assignment): every officer of the institution hears it.
  return staff
    .filter((u) => u.role === 'institution_admin' || officerId === null || u.id === officerId)
    .map((u) => u.id);
}

const invalid = (message: string) => new AppError('INVALID_STATE', [{ path: 'id', message }]);

/**
 * 督办: the bureau urges the institution owning a breached stage. Its admins and the officer
 * handling the request are notified (notification centre and stream, through the outbox) and
 * must acknowledge; the urge is resolved when the stage completes.
 */
export async function urgeBreach({ db, sla }: SupervisionContext, actor: Actor, stageId: string, note: string) {
  const now = sla.now();
  const id = await inTransaction(db, async (tx) => {
    const [row] = await tx
      .select({ stage: slaStages, request: loanRequests })
      .from(slaStages)
      .innerJoin(loanRequests, eq(loanRequests.id, slaStages.requestId))
      .where(eq(slaStages.id, stageId))
      .for('update', { of: slaStages });
    if (!row) throw new AppError('NOT_FOUND');
    const { stage, request } = row;
    if (actor.county !== null && actor.county !== request.county) throw outOfScope();
    if (stage.completedAt) throw invalid('urge.stageCompleted');
    if (stage.outcome !== 'breached' && stage.dueAt >= now) throw invalid('urge.notBreached');
    if (!stage.ownerInstitutionId) throw invalid('urge.noInstitution');
    const [waiting] = await tx
      .select({ id: urges.id })
      .from(urges)
      .where(and(eq(urges.stageId, stageId), isNull(urges.acknowledgedAt)));
    if (waiting) throw new AppError('ALREADY_EXISTS', [{ path: 'id', message: 'urge.alreadyOpen' }]);
    const [urge] = await tx
      .insert(urges)
      .values({
        stageId,
        requestId: request.id,
        institutionId: stage.ownerInstitutionId,
        county: request.county,
        note,
        urgedBy: actor.id,
        urgedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, 'urge.create', urge!.id, {
      stageId,
      requestId: request.id,
      institutionId: stage.ownerInstitutionId,
    });
    const recipients = await urgeRecipients(tx, stage.ownerInstitutionId, request.claimedOfficerId);
    for (const userId of recipients) {
      await notify(tx, {
        userId,
        kind: 'supervision.urge',
        title: `金融监管部门督办：${STAGE_NAMES[stage.stage]}已超时`,
        body: `融资需求 ${request.amount.toLocaleString('zh-CN')} 元 · ${request.termMonths} 个月（${request.id.slice(0, 8)}）：${note}。请确认督办并尽快办理。`,
        sourceEventId: `urge:${urge!.id}:${userId}`,
      });
    }
    await recordEvent(tx, {
      type: 'supervision.urge',
      aggregateId: urge!.id,
      payload: { urgeId: urge!.id, requestId: request.id, state: 'open', userIds: recipients },
    });
    return urge!.id;
  }).catch((err: unknown) => {
    // Two urges racing past the check: the one-open-urge index decides.
    if (uniqueViolation(err) !== null)
      throw new AppError('ALREADY_EXISTS', [{ path: 'id', message: 'urge.alreadyOpen' }]);
    throw err;
  });
  return (await findUrge(db, id))!;
}

/** The institution's admin or officer acknowledges an urge; the bureau that sent it is told. */
export async function acknowledgeUrge(
  { db, sla }: SupervisionContext,
  actor: Actor,
  urgeId: string,
  note: string | undefined,
) {
  await inTransaction(db, async (tx) => {
    const [urge] = await tx.select().from(urges).where(eq(urges.id, urgeId)).for('update');
    if (!urge) throw new AppError('NOT_FOUND');
    if (actor.institutionId !== urge.institutionId) throw new AppError('FORBIDDEN');
    if (urge.acknowledgedAt) throw invalid('urge.acknowledged');
    await tx
      .update(urges)
      .set({ acknowledgedBy: actor.id, acknowledgedAt: sla.now(), acknowledgementNote: note ?? null })
      .where(eq(urges.id, urgeId));
    await recordAudit(tx, actor, 'urge.acknowledge', urgeId, { requestId: urge.requestId });
    await notify(tx, {
      userId: urge.urgedBy,
      kind: 'supervision.urge_acknowledged',
      title: '督办已确认',
      body: `${actor.displayName} 已确认督办（${urge.requestId.slice(0, 8)}）${note ? `：${note}` : ''}`,
      sourceEventId: `urge-acknowledged:${urgeId}`,
    });
    await recordEvent(tx, {
      type: 'supervision.urge',
      aggregateId: urgeId,
      payload: { urgeId, requestId: urge.requestId, state: 'acknowledged', userIds: [urge.urgedBy] },
    });
  });
  return (await findUrge(db, urgeId))!;
}

/** Urges with their state: a bureau sees its scope, institution staff their own institution's. */
export async function listUrges(
  { db }: SupervisionContext,
  actor: Actor,
  query: {
    region?: string | undefined;
    state?: UrgeState | undefined;
    institutionId?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const staff = actor.role === 'institution_admin' || actor.role === 'officer';
  if (staff && query.institutionId && query.institutionId !== actor.institutionId) throw new AppError('FORBIDDEN');
  const scope = staff ? null : await scopeOf(db, actor, query.region);
  const where = and(
    staff ? eq(urges.institutionId, actor.institutionId!) : inCounty(urges.county, scope!),
    query.institutionId ? eq(urges.institutionId, query.institutionId) : undefined,
    query.state ? sql`${urgeStateSql} = ${query.state}` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    selectUrges(db)
      .where(where)
      .orderBy(desc(urges.urgedAt), asc(urges.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ n: count() }).from(urges).innerJoin(slaStages, eq(slaStages.id, urges.stageId)).where(where),
  ]);
  return pageOf(rows.map(urgeView), total!.n, query);
}
