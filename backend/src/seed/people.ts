/**
 * The seed's applicants (enterprises and individuals) and the officers of its loan history, pure:
 * account number n of a kind is always the same account for a seed number, so accounts can be
 * generated a chunk at a time and a later run continues the numbering. Identity numbers carry
 * valid check digits (auth/identifiers.ts), and distinct account numbers never share one.
 */
import { idNumberCheckCharacter, usccCheckCharacter } from '../auth/identifiers';
import { UNKNOWN_USER_HASH } from '../auth/passwords';
import { countyName, HISTORY } from './liaocheng';
import { Rng, scatter, WeightedTable } from './random';

export type ApplicantKind = 'enterprise' | 'individual';

/**
 * The password hash of every generated account: scrypt-shaped, so verifyPassword (auth/passwords.ts)
 * runs the full scrypt as for any account — no timing difference — and then compares its 32-byte key
 * with this 4-byte one, which never matches. Generated people cannot sign in, and 286,000 real
 * scrypt hashes (about 50 ms each) would take hours to compute for nothing.
 */
export const UNUSABLE_PASSWORD_HASH = `${UNKNOWN_USER_HASH.slice(0, UNKNOWN_USER_HASH.lastIndexOf('$'))}$seeded`;

const USERNAME_PREFIX = {
  enterprise: 'seed.ent.',
  individual: 'seed.ind.',
  officer: 'seed.officer.',
  bureau: 'seed.bureau.',
} as const;
export type SeedAccountSeries = keyof typeof USERNAME_PREFIX;

export const seedUsername = (series: SeedAccountSeries, n: number) =>
  `${USERNAME_PREFIX[series]}${String(n).padStart(6, '0')}`;

/** `seed.ent.` etc.: the number after it, for a LIKE pattern and for reading the number back. */
export const seedUsernamePrefix = (series: SeedAccountSeries) => USERNAME_PREFIX[series];

export interface SeedUser {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
  createdAt: Date;
}

export interface SeedEnterprise extends SeedUser {
  uscc: string;
  industry: string;
  phone: string;
  contactName: string;
}

export interface SeedIndividual extends SeedUser {
  idNumber: string;
  phone: string;
}

// ---------------------------------------------------------------- geography and people

/** Where applicants live: the counties' resident populations (2020 census, 10,000s, rounded). */
const COUNTY_POPULATION = new WeightedTable<string>([
  ['371502', 115],
  ['371503', 51],
  ['371521', 69],
  ['371522', 88],
  ['371524', 37],
  ['371525', 72],
  ['371526', 43],
  ['371581', 73],
]);

/** Common Shandong surnames, roughly by frequency. */
const SURNAMES = new WeightedTable<string>([
  ['王', 9],
  ['张', 8],
  ['李', 8],
  ['刘', 7],
  ['陈', 3],
  ['杨', 3],
  ['赵', 3],
  ['孙', 3],
  ['马', 2],
  ['徐', 2],
  ['高', 2],
  ['朱', 2],
  ['郭', 2],
  ['孟', 1.5],
  ['宋', 1.5],
  ['于', 1.5],
  ['田', 1.2],
  ['韩', 1.2],
  ['曹', 1],
  ['魏', 1],
  ['董', 1],
  ['姜', 0.8],
  ['崔', 0.8],
  ['袁', 0.8],
  ['冯', 0.8],
  ['许', 0.8],
  ['吕', 0.8],
  ['程', 0.7],
  ['贾', 0.7],
  ['任', 0.6],
  ['侯', 0.6],
  ['郑', 0.6],
  ['周', 0.6],
  ['岳', 0.5],
  ['秦', 0.5],
  ['邢', 0.5],
  ['薛', 0.5],
  ['范', 0.5],
  ['丁', 0.5],
  ['梁', 0.5],
  ['闫', 0.5],
  ['吴', 0.5],
  ['胡', 0.5],
  ['翟', 0.4],
  ['尹', 0.4],
  ['何', 0.4],
  ['谢', 0.4],
  ['解', 0.3],
  ['庞', 0.3],
  ['时', 0.3],
]);

const GIVEN = {
  male: [...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林阳兵峰建国庆文东海志成振新利春广永德金'],
  female: [...'芳娜敏静丽艳娟霞燕玲桂英秀兰红梅莉倩婷雪慧颖琳晶欣洁璐萍丹月悦佳雅楠莹蕾晓'],
};

function personName(rng: Rng, male: boolean): string {
  const chars = male ? GIVEN.male : GIVEN.female;
  const given = rng.chance(0.3) ? rng.pick(chars) : rng.pick(chars) + rng.pick(chars);
  return SURNAMES.draw(rng) + given;
}

const MOBILE_PREFIXES = [
  ...['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156'],
  ...['157', '158', '159', '166', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188'],
  ...['189', '191', '198', '199'],
];

const mobile = (rng: Rng) => rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');

// ---------------------------------------------------------------- enterprises

/** Industry sections (GB/T 4754) of the city's small and micro enterprises, roughly by share. */
const ENTERPRISE_INDUSTRY = new WeightedTable<string>([
  ['C', 30],
  ['F', 25],
  ['A', 10],
  ['E', 6],
  ['G', 5],
  ['H', 5],
  ['L', 4],
  ['O', 4],
  ['I', 3],
  ['M', 3],
  ['K', 2],
  ['D', 1],
  ['N', 1],
  ['P', 1],
  ['Q', 1],
  ['R', 1],
]);

/** What an enterprise of each section calls its line of business. */
const TRADES: Record<string, readonly string[]> = {
  A: ['农业', '果蔬', '种植', '养殖', '生态农业', '农产品', '畜牧', '食用菌'],
  C: [
    '机械',
    '轴承',
    '电缆',
    '纺织',
    '食品',
    '化工',
    '铝业',
    '五金',
    '钢结构',
    '包装',
    '制衣',
    '木业',
    '汽车配件',
    '新材料',
  ],
  D: ['新能源', '热力'],
  E: ['建筑工程', '建设工程', '装饰工程'],
  F: ['商贸', '贸易', '农资', '建材', '医药', '百货'],
  G: ['物流', '运输', '仓储'],
  H: ['餐饮管理', '酒店管理'],
  I: ['信息技术', '网络科技', '软件'],
  K: ['房地产开发', '物业管理'],
  L: ['商务服务', '设备租赁', '企业管理咨询'],
  M: ['科技', '检测技术', '技术服务'],
  N: ['环保科技', '园林绿化'],
  O: ['家政服务', '汽车维修'],
  P: ['教育咨询', '职业培训'],
  Q: ['健康管理', '医疗器械'],
  R: ['文化传媒', '文化旅游'],
};

/** Trade names (字号) are two of these. */
const TRADE_NAME_CHARS = [
  ...'鑫泰华盛恒丰源润宏达隆祥瑞德信诚佳和兴旺金福安康宇通汇博创晨明远鲁运河水凤光新正合顺天利嘉荣昌茂益升腾鼎豪力骏辉胜永建中阳东海亿立',
];

/** GB 11714 organisation code check character for 8 body digits. */
function organisationCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * weights[i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** scatter() for a space, made once per seed number rather than once per account. */
function slots(space: number): (seed: number) => (index: number) => number {
  const bySeed = new Map<number, (index: number) => number>();
  return (seed) => bySeed.get(seed) ?? bySeed.set(seed, scatter(space, seed)).get(seed)!;
}

const organisationSlots = slots(100_000_000);

/** Mixes the seed number into one stream per account series, so each account has its own generator. */
const accountRng = (seed: number, series: number, n: number) =>
  new Rng((Math.imul(seed ^ 0x9e3779b9, 31) + Math.imul(series, 0x85ebca6b) + Math.imul(n, 0xc2b2ae35)) >>> 0);

/**
 * When account n of `population` registered: numbers are in registration order, and sign-ups grow
 * over the two years (the cumulative share after a fraction x of the period is x^1.5).
 */
function registrationDate(rng: Rng, n: number, population: number): Date {
  const share = (n - rng.float()) / population;
  const span = HISTORY.end.getTime() - HISTORY.start.getTime();
  return new Date(HISTORY.start.getTime() + Math.floor(span * share ** (1 / 1.5)));
}

/** How many of `population` accounts registered before `instant` (registrationDate's inverse, rounded down). */
export function registeredBy(instant: Date, population: number): number {
  const span = HISTORY.end.getTime() - HISTORY.start.getTime();
  const x = Math.min(1, Math.max(0, (instant.getTime() - HISTORY.start.getTime()) / span));
  return Math.floor(population * x ** 1.5);
}

export function seededEnterprise(seed: number, n: number, population: number): SeedEnterprise {
  const rng = accountRng(seed, 1, n);
  const regionCode = COUNTY_POPULATION.draw(rng);
  const industry = ENTERPRISE_INDUSTRY.draw(rng);
  // Farmers' cooperatives (农民专业合作社) register with their own organisation type, 93.
  const cooperative = industry === 'A' && rng.chance(0.4);
  const county = countyName(regionCode);
  const place = county.endsWith('区') ? rng.pick(['聊城市' + county, '聊城']) : county;
  const [a, b] = rng.shuffle(TRADE_NAME_CHARS).slice(0, 2);
  const trade = rng.pick(TRADES[industry]!);
  const name = cooperative
    ? `${county}${a}${b}${trade}专业合作社`
    : `${place}${a}${b}${trade}${rng.chance(0.85) ? '有限公司' : '有限责任公司'}`;
  const body = String(organisationSlots(seed)(n - 1)).padStart(8, '0');
  const first17 = `9${cooperative ? '3' : '1'}${regionCode}${body}${organisationCheck(body)}`;
  return {
    id: rng.uuid(),
    username: seedUsername('enterprise', n),
    displayName: name,
    regionCode,
    createdAt: registrationDate(rng, n, population),
    uscc: first17 + usccCheckCharacter(first17),
    industry,
    phone: mobile(rng),
    contactName: personName(rng, rng.chance(0.7)),
  };
}

// ---------------------------------------------------------------- individuals

const BIRTH_FIRST = Date.UTC(1960, 0, 1);
const BIRTH_DAYS = Math.round((Date.UTC(2004, 11, 31) - BIRTH_FIRST) / 86_400_000) + 1;
/** Each birth date has 500 sequence numbers of each sex (the 17th digit is odd for men). */
const idSlots = slots(BIRTH_DAYS * 500);

export function seededIndividual(seed: number, n: number, population: number): SeedIndividual {
  const rng = accountRng(seed, 2, n);
  const regionCode = COUNTY_POPULATION.draw(rng);
  const male = rng.chance(0.52);
  const slot = idSlots(seed)(n - 1);
  const birth = new Date(BIRTH_FIRST + Math.floor(slot / 500) * 86_400_000).toISOString().slice(0, 10);
  const sequence = String((slot % 500) * 2 + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `${regionCode}${birth.replaceAll('-', '')}${sequence}`;
  return {
    id: rng.uuid(),
    username: seedUsername('individual', n),
    displayName: personName(rng, male),
    regionCode,
    createdAt: registrationDate(rng, n, population),
    idNumber: first17 + idNumberCheckCharacter(first17),
    phone: mobile(rng),
  };
}

/** How an individual borrows: as a farmer, a sole trader or for themselves (fixed per person). */
export function borrowerTypeOf(seed: number, n: number): 'farmer' | 'sole_trader' | 'individual' {
  const r = accountRng(seed, 3, n).float();
  return r < 0.45 ? 'farmer' : r < 0.8 ? 'sole_trader' : 'individual';
}

// ---------------------------------------------------------------- officers

/** The customer manager who handled an institution's share of the history (one per institution). */
export function seededOfficer(seed: number, n: number, institutionName: string) {
  const rng = accountRng(seed, 4, n);
  return {
    id: rng.uuid(),
    username: seedUsername('officer', n),
    displayName: `${personName(rng, rng.chance(0.55))}（${institutionName}）`,
  };
}

/** A person of a bureau's staff in the history (`bureauName` names the bureau: 聊城市财政局). */
export function seededBureauStaff(seed: number, n: number, bureauName: string) {
  const rng = accountRng(seed, 5, n);
  return {
    id: rng.uuid(),
    username: seedUsername('bureau', n),
    displayName: `${personName(rng, rng.chance(0.5))}（${bureauName}）`,
  };
}
