import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import { institutions } from '../institutions/schema';
import { REFERENCE_DATA } from '../reference/load';
import { idNumberCheckCharacter, usccCheckCharacter } from '../auth/identifiers';
import { countRegistration } from '../supervision/summaries';
import { hashPassword } from '../auth/passwords';
import type { Role } from '../access/roles';
import { enterpriseProfiles, individualProfiles, users } from '../auth/schema';

/** The demo accounts of the API contract: demo mode only, never in production. */
export const DEMO_PASSWORD = 'demo1234';

const ENTERPRISE_USCC_BODY = '91371502MA3C8K2L1';
const INDIVIDUAL_ID_BODY = '37152519900315123';
const DEMO_USCC = ENTERPRISE_USCC_BODY + usccCheckCharacter(ENTERPRISE_USCC_BODY);
const DEMO_ID_NUMBER = INDIVIDUAL_ID_BODY + idNumberCheckCharacter(INDIVIDUAL_ID_BODY);

interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  institution?: string;
  region?: string;
  /** Officers: the work phone applicants call once the officer claims their request. */
  workPhone?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', role: 'admin', displayName: '平台管理员' },
  { username: 'bureau.city', role: 'bureau', displayName: '聊城市地方金融管理局' },
  // A second person of the city bureau: claims on a program are checked (复核) by someone other than their reviewer.
  { username: 'bureau.checker', role: 'bureau', displayName: '聊城市地方金融管理局（复核）' },
  { username: 'bureau.guanxian', role: 'bureau', displayName: '冠县地方金融管理局', region: '371525' },
  {
    username: 'officer.lcrcb',
    role: 'officer',
    displayName: '张经理（聊城农商银行）',
    institution: '聊城农商银行',
    workPhone: '0635-8213601',
  },
  {
    username: 'officer.qilu',
    role: 'officer',
    displayName: '李经理（齐鲁银行聊城分行）',
    institution: '齐鲁银行聊城分行',
    workPhone: '0635-8330217',
  },
  { username: 'inst.lcrcb', role: 'institution_admin', displayName: '聊城农商银行管理员', institution: '聊城农商银行' },
  { username: 'ent.demo', role: 'enterprise', displayName: '聊城市东昌府区鲁西机械制造有限公司', region: '371502' },
  { username: 'ind.demo', role: 'individual', displayName: '王冠民', region: '371525' },
];

/** A production deployment's first admin (BOOTSTRAP_ADMIN_PASSWORD), created only while there is none. */
/** The demo accounts the database holds and that may sign in, in the order above: what `npm start` announces. */
export async function activeDemoAccounts(db: Database): Promise<DemoAccount[]> {
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(
      and(
        inArray(
          users.username,
          DEMO_ACCOUNTS.map((a) => a.username),
        ),
        eq(users.status, 'active'),
      ),
    );
  const present = new Set(rows.map((r) => r.username));
  return DEMO_ACCOUNTS.filter((a) => present.has(a.username));
}

export async function createFirstAdmin(tx: Tx, password: string): Promise<boolean> {
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
  if (existing) return false;
  await tx.insert(users).values({
    username: 'admin',
    passwordHash: await hashPassword(password),
    role: 'admin',
    displayName: '平台管理员',
  });
  return true;
}

export async function loadDemoAccounts(tx: Tx): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    let institutionId: string | null = null;
    if (account.institution) {
      const [inst] = await tx.select().from(institutions).where(eq(institutions.name, account.institution));
      institutionId = inst!.id;
    }
    const [user] = await tx
      .insert(users)
      .values({
        username: account.username,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        role: account.role,
        displayName: account.displayName,
        workPhone: account.workPhone ?? null,
        institutionId,
        regionCode: account.region ?? null,
        // The demo officers serve every county, so an ordinary request reaches both their pools.
        countiesServed: account.role === 'officer' ? REFERENCE_DATA.counties.map((c) => c.code) : [],
      })
      .onConflictDoNothing()
      .returning();
    if (!user) continue;
    await countRegistration(tx, user);
    if (account.role === 'enterprise') {
      await tx.insert(enterpriseProfiles).values({
        userId: user.id,
        name: account.displayName,
        uscc: DEMO_USCC,
        industry: 'C',
        phone: '13806351234',
        contactName: '赵德明',
      });
    } else if (account.role === 'individual') {
      await tx
        .insert(individualProfiles)
        .values({ userId: user.id, name: account.displayName, idNumber: DEMO_ID_NUMBER, phone: '13963551234' });
    }
  }
}
