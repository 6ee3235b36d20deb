import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema';
import { usccCheckCharacter } from '../auth/identifiers';
import { enterpriseProfiles, users } from '../auth/schema';
import { render } from '../http/spreadsheet';
import { API, createTestPlatform, send, type SignedIn, type TestPlatform } from '../testing/platform';
import { DEMO_DATA_SOURCE } from './demo-profiles';
import { publicDataImports, publicDataRecords } from './schema';

/** Profiles through the API: reading with sources, saving, the bureau's all-or-nothing import, and who may do what. */

let t: TestPlatform;
let ent: SignedIn;
let ind: SignedIn;
let city: SignedIn;
let guanxian: SignedIn;
let officer: SignedIn;
let entUscc: string;
beforeAll(async () => {
  t = await createTestPlatform();
  [ent, ind, city, guanxian, officer] = await Promise.all([
    t.signIn('ent.demo'),
    t.signIn('ind.demo'),
    t.signIn('bureau.city'),
    t.signIn('bureau.guanxian'),
    t.signIn('officer.lcrcb'),
  ]);
  const [profile] = await t.platform.db
    .select({ uscc: enterpriseProfiles.uscc })
    .from(enterpriseProfiles)
    .where(eq(enterpriseProfiles.userId, ent.user.id));
  entUscc = profile!.uscc;
});
afterAll(async () => {
  await t?.close();
});

/** The test clock's day (TEST_EPOCH), and the demo data's: declared a month before, imported a fortnight before. */
const TODAY = '2025-03-12';
const MONTH_AGO = '2025-02-10';
const FORTNIGHT_AGO = '2025-02-26';
const NOBODY_BODY = '91371500MA3D0QW2X';
const NOBODYS_USCC = NOBODY_BODY + usccCheckCharacter(NOBODY_BODY);

const profileOf = async (who: SignedIn) => (await who.agent.get(`${API}/me/profile`).expect(200)).body;

function upload(who: SignedIn, file: Buffer | string, fileName = 'extract.csv', source = '聊城市大数据局') {
  return who.agent
    .post(`${API}/public-data/imports`)
    .set('x-csrf-token', who.csrf)
    .field('source', source)
    .attach('file', Buffer.from(file), fileName);
}

const HEADER =
  'uscc,asOf,taxCreditRating,socialInsuranceHeadcount,utilityPaymentRecord,administrativePenalties,dishonestDebtor';

describe('the applicant profile', () => {
  it("shows ent.demo's declared fields as 自报 with their day, and the bureau's import as 导入 with its source", async () => {
    const { kind, fields } = await profileOf(ent);
    expect(kind).toBe('enterprise');
    expect(fields.registeredCapital).toEqual({ value: 5_000_000, source: 'self', asOf: MONTH_AGO });
    expect(fields.existingLoans.value).toEqual([{ bank: '聊城农商银行', balance: 1_200_000, maturesOn: '2026-06-30' }]);
    expect(fields.taxCreditRating).toEqual({
      value: 'B',
      source: 'import',
      asOf: FORTNIGHT_AGO,
      sourceName: DEMO_DATA_SOURCE,
    });
    expect(fields.socialInsuranceHeadcount).toMatchObject({ value: 35, source: 'import' });
    expect(fields.dishonestDebtor).toMatchObject({ value: false, source: 'import' });
    expect(fields.occupation).toBeUndefined();
  });

  it('dates a changed field today, keeps the day of an unchanged one, drops one left out, and audits the names only', async () => {
    const { fields: before } = await profileOf(ent);
    const declared = Object.fromEntries(
      Object.entries(before as Record<string, { value: unknown; source: string }>)
        .filter(([name, f]) => f.source === 'self' && name !== 'collateralOnOffer')
        .map(([name, f]) => [name, f.value]),
    );
    const res = await send(ent, 'put', '/me/profile', {
      ...declared,
      employees: 42,
      certifications: ['specialized_sme', 'high_tech'],
    }).expect(200);
    expect(res.body.fields.employees).toEqual({ value: 42, source: 'self', asOf: TODAY });
    expect(res.body.fields.certifications.asOf).toBe(TODAY);
    expect(res.body.fields.legalRepresentative).toEqual({ value: '赵德明', source: 'self', asOf: MONTH_AGO });
    expect(res.body.fields.collateralOnOffer).toBeUndefined();
    expect((await profileOf(ent)).fields.employees.value).toBe(42);

    const audits = await t.platform.db.select().from(auditLog).where(eq(auditLog.action, 'profile.update'));
    expect(audits.at(-1)).toMatchObject({
      actorId: ent.user.id,
      details: { fields: ['certifications', 'collateralOnOffer', 'employees'] },
    });
    expect(JSON.stringify(audits.at(-1)!.details)).not.toContain('42');
  });

  it('refuses bad values, naming each field, and keeps the profile as it was', async () => {
    const before = await profileOf(ent);
    const res = await send(ent, 'put', '/me/profile', {
      employees: -1,
      taxCreditRating: 'E',
      certifications: ['high_tech', 'high_tech'],
      establishedOn: '2016-02-30',
      existingLoans: [{ bank: '', balance: 100, maturesOn: '2026-01-01' }],
    }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'certifications',
      'employees',
      'establishedOn',
      'existingLoans.0.bank',
      'taxCreditRating',
    ]);
    const future = await send(ent, 'put', '/me/profile', { establishedOn: '2025-03-13' }).expect(400);
    expect(future.body.error.details).toEqual([{ path: 'establishedOn', message: '日期不能晚于今天' }]);
    expect(await profileOf(ent)).toEqual(before);
  });

  it("keeps an individual's and a farmer's fields, and refuses an enterprise field by name", async () => {
    const { fields } = await profileOf(ind);
    expect(fields.agriculturalEntityType).toEqual({ value: 'family_farm', source: 'self', asOf: MONTH_AGO });
    // Another applicant's profile is never part of one's own.
    expect(fields.registeredCapital).toBeUndefined();
    expect(fields.taxCreditRating).toBeUndefined();

    const wrong = await send(ind, 'put', '/me/profile', { occupation: '种植户', registeredCapital: 1_000_000 }).expect(
      400,
    );
    expect(wrong.body.error.details).toEqual([{ path: 'registeredCapital', message: '该项不属于您这类申请人的档案' }]);
    const saved = await send(ind, 'put', '/me/profile', {
      occupation: '养殖户',
      incomeBand: '50k_100k',
      landContractArea: 12.5,
      agriculturalEntityType: 'cooperative',
    }).expect(200);
    expect(saved.body.fields.landContractArea).toEqual({ value: 12.5, source: 'self', asOf: TODAY });
    expect(saved.body.fields.occupation.asOf).toBe(TODAY);
  });

  it('is the applicants’ own: staff get 403, anonymous callers 401', async () => {
    for (const staff of [officer, city]) {
      expect((await staff.agent.get(`${API}/me/profile`).expect(403)).body.error.code).toBe('FORBIDDEN');
      await send(staff, 'put', '/me/profile', { employees: 1 }).expect(403);
    }
    await t.api.get(`${API}/me/profile`).expect(401);
  });
});

describe("the bureau's public-data import", () => {
  const counts = async () => ({
    imports: (await t.platform.db.select().from(publicDataImports)).length,
    records: (await t.platform.db.select().from(publicDataRecords)).length,
  });

  it('refuses the whole file when a row is bad, with every refused row and its reason', async () => {
    const before = await counts();
    const csv = [
      HEADER,
      `${entUscc},2025-03-01,A,41,on_time,0,否`,
      `${NOBODYS_USCC},2025-03-01,B,10,,,`,
      `${entUscc},2025-03-01,A,41,,,`,
      `91371500MA3D0QW2Y,2025-02-30,E,-3,late,1,maybe`,
      `${entUscc.toLowerCase()},2025-03-20,,,,,`,
    ].join('\n');
    const res = await upload(city, csv).expect(422);
    expect(res.body.imported).toBe(0);
    expect(res.body.rejected).toEqual([
      { row: 3, field: 'uscc', reason: '平台上没有该统一社会信用代码的企业' },
      { row: 4, field: 'uscc', reason: '与第 2 行的企业重复' },
      { row: 5, field: 'uscc', reason: '统一社会信用代码无效（校验位不符）' },
      { row: 5, field: 'asOf', reason: '日期应为 YYYY-MM-DD 格式的真实日期' },
      { row: 5, field: 'taxCreditRating', reason: '纳税信用等级应为 A、B、M、C 或 D' },
      { row: 5, field: 'socialInsuranceHeadcount', reason: '应为不小于 0 的整数' },
      { row: 5, field: 'utilityPaymentRecord', reason: '缴费记录应为 on_time（正常）或 arrears（欠缴）' },
      { row: 5, field: 'dishonestDebtor', reason: '应为 是/否（或 true/false）' },
      { row: 6, field: 'asOf', reason: '数据日期不能晚于今天' },
      { row: 6, field: 'row', reason: '该行除代码和日期外没有任何数据' },
      { row: 6, field: 'uscc', reason: '与第 2 行的企业重复' },
    ]);
    expect(await counts()).toEqual(before);
    expect((await profileOf(ent)).fields.taxCreditRating.value).toBe('B');
  });

  it('says the reasons in English to an English reader', async () => {
    const res = await upload(city, `${HEADER}\n${NOBODYS_USCC},2025-03-01,B,,,,`)
      .set('Accept-Language', 'en')
      .expect(422);
    expect(res.body.rejected).toEqual([
      { row: 2, field: 'uscc', reason: 'No enterprise on the platform has this credit code' },
    ]);
  });

  it('imports a corrected CSV whole: the profile shows the new rating as 导入 with its source and day', async () => {
    const res = await upload(city, `\uFEFF${HEADER}\n${entUscc},2025-03-01,A,41,欠缴,2,否\n`).expect(200);
    expect(res.body).toEqual({ imported: 1, rejected: [] });
    const { fields } = await profileOf(ent);
    expect(fields.taxCreditRating).toEqual({
      value: 'A',
      source: 'import',
      asOf: '2025-03-01',
      sourceName: '聊城市大数据局',
    });
    expect(fields.utilityPaymentRecord.value).toBe('arrears');
    expect(fields.administrativePenalties.value).toBe(2);
    const [audit] = await t.platform.db.select().from(auditLog).where(eq(auditLog.action, 'public_data.import'));
    expect(audit).toMatchObject({ actorId: city.user.id, details: { source: '聊城市大数据局', rows: 1 } });
  });

  it('imports an XLSX sheet with Chinese headers and real date cells', async () => {
    const xlsx = await render(
      {
        title: '公共数据',
        header: ['统一社会信用代码', '数据日期', '纳税信用等级', '社保参保人数', '失信被执行人'],
        rows: [[entUscc, '2025-03-05', 'M', 44, '否']],
      },
      'xlsx',
    );
    await upload(city, xlsx, '公共数据.xlsx', '山东省公共信用信息平台').expect(200);
    const { fields } = await profileOf(ent);
    expect(fields.taxCreditRating).toMatchObject({
      value: 'M',
      asOf: '2025-03-05',
      sourceName: '山东省公共信用信息平台',
    });
    expect(fields.socialInsuranceHeadcount.value).toBe(44);
    // A column the newest extract left out is not carried over from an older one.
    expect(fields.utilityPaymentRecord).toBeUndefined();
    const [stored] = await t.platform.db
      .select({ fileName: publicDataImports.fileName })
      .from(publicDataImports)
      .where(eq(publicDataImports.sourceName, '山东省公共信用信息平台'));
    expect(stored!.fileName).toBe('公共数据.xlsx');
  });

  it('refuses a file that is not a sheet, lacks a key column, has an unknown one, has no rows or is missing', async () => {
    const fileError = async (res: { body: { error: { details: unknown } } }) => res.body.error.details;
    expect(await fileError(await upload(city, Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00])).expect(400))).toEqual([
      { path: 'file', message: '文件不是可读取的 CSV（UTF-8）或 XLSX 表格' },
    ]);
    expect(await fileError(await upload(city, Buffer.from('PK\u0003\u0004broken')).expect(400))).toEqual([
      { path: 'file', message: '文件不是可读取的 CSV（UTF-8）或 XLSX 表格' },
    ]);
    expect(await fileError(await upload(city, `uscc,taxCreditRating\n${entUscc},A`).expect(400))).toEqual([
      { path: 'file', message: '表头缺少 asOf 列' },
    ]);
    expect(await fileError(await upload(city, `${HEADER},credit_score\n`).expect(400))).toEqual([
      { path: 'file', message: '无法识别的列：credit_score' },
    ]);
    expect(await fileError(await upload(city, `${HEADER}\n`).expect(400))).toEqual([
      { path: 'file', message: '文件中没有数据行' },
    ]);
    const noFile = await send(city, 'post', '/public-data/imports', {}).expect(400);
    expect(noFile.body.error.details).toEqual([{ path: 'file', message: '请上传一个 CSV 或 XLSX 文件' }]);
    const noSource = await city.agent
      .post(`${API}/public-data/imports`)
      .set('x-csrf-token', city.csrf)
      .attach('file', Buffer.from(`${HEADER}\n${entUscc},2025-03-01,A,,,,`), 'x.csv')
      .expect(400);
    expect(noSource.body.error.details[0].path).toBe('source');
  });

  it('refuses a file over 5 MB with 413', async () => {
    const res = await upload(city, Buffer.alloc(5 * 1024 * 1024 + 1, 'a')).expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it("refuses a county bureau's row for an enterprise of another county, and every non-bureau role", async () => {
    const before = await counts();
    const res = await upload(guanxian, `${HEADER}\n${entUscc},2025-03-01,D,,,,`).expect(422);
    expect(res.body.rejected).toEqual([{ row: 2, field: 'uscc', reason: '该企业不在本局监管的区县' }]);
    for (const who of [officer, ent]) {
      expect((await upload(who, `${HEADER}\n${entUscc},2025-03-01,D,,,,`).expect(403)).body.error.code).toBe(
        'FORBIDDEN',
      );
    }
    await t.api.post(`${API}/public-data/imports`).expect(403);
    expect(await counts()).toEqual(before);
    const [account] = await t.platform.db.select().from(users).where(eq(users.id, ent.user.id));
    expect(account!.regionCode).toBe('371502');
  });
});
