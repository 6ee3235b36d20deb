import { inArray } from 'drizzle-orm';
import { users } from '../auth/schema';
import type { Tx } from '../db/client';
import { shanghaiDay } from '../requests/stage-rules';
import { applicantProfiles, publicDataImports, publicDataRecords, type DeclaredValue } from './schema';

/** The provider of the demo's extract, as the city bureau names it. */
export const DEMO_DATA_SOURCE = '聊城市大数据局';

const DAY_MS = 86_400_000;

/** Each value declared on `asOf`. */
const declaredOn = (asOf: string, values: Record<string, unknown>): Record<string, DeclaredValue> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value, asOf }]));

/**
 * Demo mode: the demo enterprise and individual have filled most of their profiles a month ago,
 * and the city bureau imported the big-data bureau's extract for the demo enterprise two weeks ago.
 */
export async function loadDemoProfiles(tx: Tx, now = new Date()): Promise<void> {
  const accounts = await tx
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, ['ent.demo', 'ind.demo', 'bureau.city']));
  const idOf = new Map(accounts.map((a) => [a.username, a.id]));
  const monthAgo = shanghaiDay(new Date(now.getTime() - 30 * DAY_MS));
  const fortnightAgo = shanghaiDay(new Date(now.getTime() - 14 * DAY_MS));

  await tx.insert(applicantProfiles).values([
    {
      userId: idOf.get('ent.demo')!,
      declared: declaredOn(monthAgo, {
        registeredCapital: 5_000_000,
        establishedOn: '2016-04-18',
        legalRepresentative: '赵德明',
        employees: 38,
        lastYearRevenue: 18_600_000,
        totalAssets: 24_000_000,
        totalLiabilities: 9_800_000,
        mainBusiness: '农业机械零部件加工、销售',
        existingLoans: [{ bank: '聊城农商银行', balance: 1_200_000, maturesOn: '2026-06-30' }],
        collateralOnOffer: '厂房一处（东昌府区，约 2,400 平方米）',
        certifications: ['specialized_sme'],
      }),
    },
    {
      userId: idOf.get('ind.demo')!,
      declared: declaredOn(monthAgo, {
        occupation: '种植户',
        incomeBand: '100k_200k',
        landContractArea: 86,
        agriculturalEntityType: 'family_farm',
      }),
    },
  ]);

  const [extract] = await tx
    .insert(publicDataImports)
    .values({
      sourceName: DEMO_DATA_SOURCE,
      importedBy: idOf.get('bureau.city')!,
      importedAt: new Date(now.getTime() - 14 * DAY_MS),
      fileName: '公共数据-企业信用-演示.xlsx',
      rowCount: 1,
    })
    .returning({ id: publicDataImports.id });
  await tx.insert(publicDataRecords).values({
    importId: extract!.id,
    userId: idOf.get('ent.demo')!,
    asOf: fortnightAgo,
    taxCreditRating: 'B',
    socialInsuranceHeadcount: 35,
    utilityPaymentRecord: 'on_time',
    administrativePenalties: 0,
    dishonestDebtor: false,
  });
}
