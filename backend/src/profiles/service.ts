import { desc, eq } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import { recordAudit } from '../audit/service';
import type { Database, Executor } from '../db/client';
import { inTransaction } from '../db/transaction';
import { AppError, type ErrorDetail } from '../http/errors';
import { ENTERPRISE_FIELDS, INDIVIDUAL_FIELDS, PUBLIC_DATA_FIELDS } from './enums';
import { applicantProfiles, publicDataImports, publicDataRecords, type DeclaredValue } from './schema';
import type { ProfileFields, ProfileInputType, ProfileViewType } from './views';

/**
 * Applicant profiles: what an enterprise or an individual declares about itself (自报), each field
 * with the day it last changed, and for an enterprise the public data the bureau imported (导入).
 */

type ApplicantKind = ProfileViewType['kind'];

const DECLARABLE: Record<ApplicantKind, readonly string[]> = {
  enterprise: ENTERPRISE_FIELDS,
  individual: INDIVIDUAL_FIELDS,
};

function applicantKind(actor: Actor): ApplicantKind {
  if (actor.role !== 'enterprise' && actor.role !== 'individual') throw new AppError('FORBIDDEN');
  return actor.role;
}

/** An applicant's profile as read: the declared fields, then the newest imported record over them. */
export async function readProfile(db: Executor, userId: string, kind: ApplicantKind): Promise<ProfileViewType> {
  const [[stored], [record]] = await Promise.all([
    db.select().from(applicantProfiles).where(eq(applicantProfiles.userId, userId)),
    kind === 'enterprise'
      ? db
          .select({ record: publicDataRecords, sourceName: publicDataImports.sourceName })
          .from(publicDataRecords)
          .innerJoin(publicDataImports, eq(publicDataImports.id, publicDataRecords.importId))
          .where(eq(publicDataRecords.userId, userId))
          .orderBy(desc(publicDataRecords.asOf), desc(publicDataImports.importedAt))
          .limit(1)
      : [],
  ]);
  const fields: Record<string, unknown> = {};
  for (const [name, { value, asOf }] of Object.entries(stored?.declared ?? {})) {
    fields[name] = { value, source: 'self', asOf };
  }
  if (record) {
    for (const name of PUBLIC_DATA_FIELDS) {
      const value = record.record[name];
      if (value !== null)
        fields[name] = { value, source: 'import', asOf: record.record.asOf, sourceName: record.sourceName };
    }
  }
  return { kind, fields: fields as ProfileFields };
}

export function getProfile(db: Database, actor: Actor): Promise<ProfileViewType> {
  return readProfile(db, actor.id, applicantKind(actor));
}

/**
 * Replaces the applicant's self-declared profile. A value that did not change keeps its day; a
 * changed or new one is dated `today` (Asia/Shanghai). Fields of the other kind of applicant, and
 * dates after today, are refused by name.
 */
export async function saveProfile(
  db: Database,
  actor: Actor,
  input: ProfileInputType,
  today: string,
): Promise<ProfileViewType> {
  const kind = applicantKind(actor);
  const allowed = new Set(DECLARABLE[kind]);
  const problems: ErrorDetail[] = Object.keys(input)
    .filter((name) => !allowed.has(name))
    .map((name) => ({ path: name, message: 'profile.notForRole' }));
  if (input.establishedOn && input.establishedOn > today) {
    problems.push({ path: 'establishedOn', message: 'profile.future' });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);

  await inTransaction(db, async (tx) => {
    const [stored] = await tx
      .select()
      .from(applicantProfiles)
      .where(eq(applicantProfiles.userId, actor.id))
      .for('update');
    const before = stored?.declared ?? {};
    const declared: Record<string, DeclaredValue> = {};
    for (const [name, value] of Object.entries(input)) {
      if (value === undefined) continue;
      const same = before[name] && JSON.stringify(before[name].value) === JSON.stringify(value);
      declared[name] = same ? before[name]! : { value, asOf: today };
    }
    await tx
      .insert(applicantProfiles)
      .values({ userId: actor.id, declared })
      .onConflictDoUpdate({ target: applicantProfiles.userId, set: { declared, updatedAt: new Date() } });
    // The audit names what changed, never the values: they are the applicant's business data.
    const changed = [...new Set([...Object.keys(before), ...Object.keys(declared)])].filter(
      (name) => before[name] !== declared[name],
    );
    await recordAudit(tx, actor, 'profile.update', actor.id, { fields: changed.sort() });
  });
  return readProfile(db, actor.id, kind);
}
