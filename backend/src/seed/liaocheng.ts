/**
 * The Liaocheng dataset at the real platform's published scale (March 2025): 186 institutions and
 * 340 listed products. Pure and deterministic: the same seed number always gives the same records;
 * nothing here touches a database (see load.ts).
 *
 * The 186 institutions are the 32 of the reference data plus 154 generated here: county sub-branches
 * of the city-level banks (中国农业银行冠县支行, 齐鲁银行临清支行), township branches of the rural
 * commercial banks, village banks, government and agricultural guarantee companies and insurers,
 * spread over the eight counties. Names follow the real brands; which institution serves which county
 * and every product figure is illustrative. The products start with the demo catalog (水城快贷, 幸福e贷,
 * 莱e贷, 创业担保贷款 …), so a database with or without the demo data ends up with the same catalog.
 */
import { DEMO_PRODUCTS, demoProductColumns } from '../catalog/demo-products';
import { percentToBp } from '../catalog/rules';
import type { CustomerType, ProductKind } from '../catalog/schema';
import type { InstitutionLevel, InstitutionType } from '../institutions/schema';
import { REFERENCE_DATA } from '../reference/load';
import { Rng } from './random';

export const DEFAULT_SEED = 20250310;

/** The published figures the seed tops a database up to. */
export const LIAOCHENG_SCALE = {
  institutions: REFERENCE_DATA.publishedFigures.institutions,
  listedProducts: REFERENCE_DATA.publishedFigures.listedProducts,
} as const;

/** How many applicants the seed tops up to, and the total disbursed (integer yuan) its loan history reaches. */
export interface PeopleScale {
  individuals: number;
  enterprises: number;
  disbursedYuan: number;
}

/** The published 274,000 individual users, 12,000 enterprises and 22.5亿 yuan matched and disbursed. */
export const LIAOCHENG_PEOPLE: PeopleScale = {
  individuals: REFERENCE_DATA.publishedFigures.individualUsers,
  enterprises: REFERENCE_DATA.publishedFigures.enterprises,
  disbursedYuan: REFERENCE_DATA.publishedFigures.matchedDisbursedYuan,
};

/** A hundredth of the people and the money, over the same catalog and period: for tests and a quick look. */
export const LIAOCHENG_PEOPLE_SMALL: PeopleScale = {
  individuals: LIAOCHENG_PEOPLE.individuals / 100,
  enterprises: LIAOCHENG_PEOPLE.enterprises / 100,
  disbursedYuan: LIAOCHENG_PEOPLE.disbursedYuan / 100,
};

/**
 * The two years of history the seed writes: accounts registered and requests placed and finished
 * in [start, end). It ends with March 2025, the month of the published figures, and is fixed rather
 * than relative to today so that a seed number gives the same data on any day. Every request is
 * finished by the end (no SLA stage is left open), so the timers find nothing due from it.
 */
export const HISTORY = {
  start: new Date('2023-04-01T00:00:00+08:00'),
  end: new Date('2025-04-01T00:00:00+08:00'),
} as const;

/** Products beyond the 340 that the loader may use when some generated ones cannot be inserted. */
const SPARE_PRODUCTS = 20;

export interface SeedInstitution {
  name: string;
  type: InstitutionType;
  level: InstitutionLevel;
  /** The city-level branch (or head office) a sub-branch belongs to, by name. */
  parentName: string | null;
  regionCode: string;
  countiesServed: string[];
  contactName: string;
  contactPhone: string;
  address: string;
}

export interface SeedProduct {
  /** The institution's name; (institution, name) is unique within the dataset. */
  institution: string;
  name: string;
  kind: ProductKind;
  minAmount: number;
  maxAmount: number;
  minTermMonths: number;
  maxTermMonths: number;
  minRateBp: number;
  maxRateBp: number;
  customerTypes: CustomerType[];
  allCounties: boolean;
  counties: string[];
  allIndustries: boolean;
  industries: string[];
  requiredMaterials: string[];
  description: string;
  requestCount: number;
}

export interface SeedDataset {
  seed: number;
  /** The 154 institutions beyond the reference data, parents before their sub-branches. */
  institutions: SeedInstitution[];
  /**
   * Listed-product candidates in priority order: the demo catalog first, then round-robin over
   * institutions. The first LIAOCHENG_SCALE.listedProducts are the dataset; a few spares follow.
   */
  products: SeedProduct[];
}

// ---------------------------------------------------------------- geography

const CITY = REFERENCE_DATA.city;
const COUNTIES = REFERENCE_DATA.counties;
const ALL_COUNTIES = COUNTIES.map((c) => c.code);
export const countyName = (code: string) => COUNTIES.find((c) => c.code === code)!.name;
/** 阳谷县 → 阳谷, 临清市 → 临清, 东昌府区 → 东昌府; two-character names (冠县, 莘县) stay whole. */
const countyShort = (code: string) => {
  const name = countyName(code);
  return name.length > 2 ? name.slice(0, -1) : name;
};

const DONGCHANGFU = '371502';

/** Townships (镇/乡/街道 without the suffix) where the rural banks keep branches. */
const TOWNSHIPS: Record<string, readonly string[]> = {
  '371502': ['侯营', '沙镇', '堂邑', '梁水', '斗虎屯', '郑家', '张炉集', '于集', '许营', '朱老庄', '道口铺'],
  '371503': ['乐平铺', '冯官屯', '菜屯', '博平', '杜郎口', '韩屯', '胡屯', '肖家庄', '贾寨', '洪官屯'],
  '371521': ['阿城', '石佛', '七级', '安乐', '定水', '张秋', '寿张', '李台', '大布', '金斗营'],
  '371522': ['张鲁', '朝城', '观城', '古城', '大张家', '古云', '十八里铺', '燕店', '董杜庄', '河店'],
  '371524': ['刘集', '牛角店', '大桥', '姚寨', '鱼山', '陈集', '高集', '铜城'],
  '371525': ['柳林', '清水', '东古城', '北馆陶', '辛集', '甘官屯', '梁堂', '定远寨', '范寨', '店子'],
  '371526': ['梁村', '尹集', '清平', '固河', '三十里铺', '琉璃寺', '赵寨子', '姜店', '杨屯'],
  '371581': ['松林', '老赵庄', '康庄', '魏湾', '刘垓子', '八岔路', '潘庄', '烟店', '唐园', '戴湾'],
};

/** Where joint-stock and smaller city banks open county sub-branches first: the bigger economies. */
const COUNTY_WEIGHT: readonly (readonly [string, number])[] = [
  ['371581', 25],
  ['371502', 20],
  ['371526', 12],
  ['371503', 12],
  ['371521', 10],
  ['371522', 8],
  ['371525', 7],
  ['371524', 6],
];
const AGRICULTURAL_COUNTIES = ['371522', '371525', '371521', '371524', '371526'];

const ROADS = ['人民路', '建设路', '振兴路', '文化路', '新华路', '育新街', '府前街', '迎宾路', '光明路', '富民路'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '徐'];

// ---------------------------------------------------------------- institutions

/** 中国农业银行聊城分行 → 中国农业银行; 中国邮政储蓄银行聊城市分行 → 中国邮政储蓄银行. */
const brandOf = (branchName: string) => branchName.replace(/聊城(市)?分行$/, '');

/** County sub-branches of each city-level bank: how many, and in which counties when not all. */
const SUB_BRANCH_PLAN: readonly (readonly [string, number])[] = [
  ['中国农业发展银行聊城市分行', 7],
  ['中国工商银行聊城分行', 8],
  ['中国农业银行聊城分行', 8],
  ['中国银行聊城分行', 8],
  ['中国建设银行聊城分行', 8],
  ['交通银行聊城分行', 4],
  ['中国邮政储蓄银行聊城市分行', 8],
  ['中信银行聊城分行', 1],
  ['中国光大银行聊城分行', 2],
  ['兴业银行聊城分行', 2],
  ['中国民生银行聊城分行', 2],
  ['浦发银行聊城分行', 1],
  ['华夏银行聊城分行', 2],
  ['恒丰银行聊城分行', 2],
  ['齐鲁银行聊城分行', 8],
  ['齐商银行聊城分行', 3],
  ['威海银行聊城分行', 4],
  ['潍坊银行聊城分行', 3],
  ['莱商银行聊城分行', 5],
  ['日照银行聊城分行', 2],
  ['临商银行聊城分行', 3],
  ['泰安银行聊城分行', 2],
];

const VILLAGE_BANKS: readonly (readonly [string, string])[] = [
  ['聊城东昌沪农商村镇银行', '371502'],
  ['茌平沪农商村镇银行', '371503'],
  ['阳谷沪农商村镇银行', '371521'],
  ['临清沪农商村镇银行', '371581'],
  ['莘县青隆村镇银行', '371522'],
  ['东阿青隆村镇银行', '371524'],
  ['高唐青隆村镇银行', '371526'],
  ['冠县齐丰村镇银行', '371525'],
];

const CITY_GUARANTEE = '聊城市融资担保有限公司';
const AGRI_GUARANTEE = '山东省农业发展信贷担保有限责任公司聊城分公司';
const PICC = '中国人民财产保险聊城市分公司';
const CHINA_UNITED = '中华联合财产保险聊城中心支公司';
const CITY_INSURERS = [
  '中国人寿财产保险聊城市中心支公司',
  '中国太平洋财产保险聊城中心支公司',
  '中国平安财产保险聊城中心支公司',
  CHINA_UNITED,
  '阳光财产保险聊城中心支公司',
];

/** 聊城市东昌府区融资担保有限公司, 冠县融资担保有限公司: districts carry the city's name. */
const countyGuaranteeName = (code: string) =>
  `${countyName(code).endsWith('区') ? CITY.name : ''}${countyName(code)}融资担保有限公司`;

const rcbOf = (code: string) =>
  REFERENCE_DATA.institutions.find((i) => i.type === 'rural_commercial_bank' && i.name.startsWith(countyShort(code)))
    ?.name ?? '聊城农商银行';

function generateInstitutions(rng: Rng): SeedInstitution[] {
  const out: SeedInstitution[] = [];
  const add = (
    name: string,
    type: InstitutionType,
    level: InstitutionLevel,
    parentName: string | null,
    regionCode: string,
  ) => {
    const area = regionCode === CITY.code ? `${CITY.name}东昌府区` : `${CITY.name}${countyName(regionCode)}`;
    out.push({
      name,
      type,
      level,
      parentName,
      regionCode,
      countiesServed: regionCode === CITY.code ? [...ALL_COUNTIES] : [regionCode],
      contactName: `${rng.pick(SURNAMES)}${rng.pick(['经理', '主任', '女士', '先生'])}`,
      contactPhone: `0635-${rng.pick(['2', '5', '6', '7', '8'])}${String(rng.int(0, 999_999)).padStart(6, '0')}`,
      address: `${area}${rng.pick(ROADS)}${rng.int(1, 399)}号`,
    });
  };

  // City-level parents first: every sub-branch below names one of these or a reference institution.
  add(CITY_GUARANTEE, 'guarantee', 'head_office', null, CITY.code);
  add(AGRI_GUARANTEE, 'guarantee', 'branch', null, CITY.code);
  for (const name of CITY_INSURERS) add(name, 'insurer', 'branch', null, CITY.code);
  for (const [name, county] of VILLAGE_BANKS) add(name, 'village_bank', 'head_office', null, county);
  for (const county of ALL_COUNTIES) add(countyGuaranteeName(county), 'guarantee', 'head_office', null, county);

  // County sub-branches, named after the county; the Dongchangfu ones after the city and district.
  for (const [parent, n] of SUB_BRANCH_PLAN) {
    const reference = REFERENCE_DATA.institutions.find((i) => i.name === parent)!;
    const counties =
      n >= ALL_COUNTIES.length
        ? ALL_COUNTIES
        : parent.startsWith('中国农业发展银行')
          ? ALL_COUNTIES.filter((c) => c !== DONGCHANGFU)
          : rng.weightedSample(COUNTY_WEIGHT, n);
    for (const county of [...counties].sort()) {
      const place = county === DONGCHANGFU ? `${CITY.name.slice(0, 2)}东昌府` : countyShort(county);
      add(`${brandOf(parent)}${place}支行`, reference.type as InstitutionType, 'sub_branch', parent, county);
    }
  }

  // Township branches of the rural commercial banks: four for the city bank in its district, three per county bank.
  for (const county of ALL_COUNTIES) {
    const rcb = rcbOf(county);
    const n = county === DONGCHANGFU ? 4 : 3;
    for (const town of rng.shuffle(TOWNSHIPS[county]!).slice(0, n)) {
      add(`${rcb}${town}支行`, 'rural_commercial_bank', 'sub_branch', rcb, county);
    }
  }

  // County offices of the agricultural guarantee company, and county branches of the insurers.
  for (const county of rng.shuffle(AGRICULTURAL_COUNTIES).slice(0, 3).sort()) {
    add(
      `山东省农业发展信贷担保有限责任公司${countyShort(county)}办事处`,
      'guarantee',
      'sub_branch',
      AGRI_GUARANTEE,
      county,
    );
  }
  for (const county of ALL_COUNTIES.filter((c) => c !== DONGCHANGFU)) {
    add(`中国人民财产保险${countyShort(county)}支公司`, 'insurer', 'sub_branch', PICC, county);
  }
  for (const county of rng.shuffle(AGRICULTURAL_COUNTIES).slice(0, 3).sort()) {
    add(`中华联合财产保险${countyShort(county)}支公司`, 'insurer', 'sub_branch', CHINA_UNITED, county);
  }
  return out;
}

// ---------------------------------------------------------------- product archetypes

interface Archetype {
  kind: ProductKind;
  customers: CustomerType[];
  /** Choices for the minimum and maximum amount (yuan). */
  min: readonly number[];
  max: readonly number[];
  /** Choices for the minimum and maximum term (months). */
  minTerm: readonly number[];
  maxTerm: readonly number[];
  /** Annual rate band in percent. */
  rate: readonly [number, number];
  /** Industry sections when restricted; undefined = any industry. */
  industries?: readonly string[];
  /** Otherwise: the chance that a product is restricted anyway, and to which sections (some of them). */
  restrict?: readonly [chance: number, sections: readonly string[]];
  materials: readonly string[];
  /** One sentence; {area} is where it is offered. */
  text: string;
}

const W = 10_000;
const ENT_MATERIALS = ['营业执照', '法定代表人身份证', '近一年财务报表', '企业征信授权书'];
const TAX_MATERIALS = ['营业执照', '法定代表人身份证', '近两年纳税申报表', '企业征信授权书'];
const MORTGAGE_MATERIALS = ['营业执照', '不动产权证书', '抵押物评估报告', '近一年财务报表'];
const FARMER_MATERIALS = ['身份证', '户口簿', '土地承包经营权证或流转合同'];
const SOLE_MATERIALS = ['身份证', '营业执照', '近六个月经营流水'];

const A: Record<string, Archetype> = {
  tax: {
    kind: 'credit',
    customers: ['enterprise'],
    min: [10 * W, 20 * W, 30 * W],
    max: [100 * W, 200 * W, 300 * W, 500 * W],
    minTerm: [3, 6, 12],
    maxTerm: [12, 24, 36],
    rate: [3.45, 6.0],
    materials: TAX_MATERIALS,
    text: '凭企业纳税信用和开票数据在线授信的小微企业信用贷款，{area}纳税信用A、B级企业均可申请。',
  },
  credit: {
    kind: 'credit',
    customers: ['enterprise', 'sole_trader'],
    min: [10 * W, 20 * W, 50 * W],
    max: [100 * W, 200 * W, 300 * W, 500 * W],
    minTerm: [3, 6, 12],
    maxTerm: [12, 24, 36],
    rate: [3.6, 6.5],
    restrict: [0.15, ['A', 'C', 'F']],
    materials: ENT_MATERIALS,
    text: '面向{area}小微企业和个体工商户的经营性信用贷款，无需抵押担保，额度可循环使用。',
  },
  science: {
    kind: 'credit',
    customers: ['enterprise'],
    min: [50 * W, 100 * W],
    max: [500 * W, 800 * W, 1000 * W],
    minTerm: [6, 12],
    maxTerm: [24, 36],
    rate: [3.45, 5.5],
    industries: ['C', 'I', 'M'],
    materials: [...ENT_MATERIALS, '高新技术企业或科技型中小企业证书', '知识产权证书'],
    text: '服务{area}科技型中小企业的信用贷款，看重研发投入和知识产权，额度最高可达千万元。',
  },
  mortgage: {
    kind: 'mortgage',
    customers: ['enterprise', 'sole_trader'],
    min: [30 * W, 50 * W, 100 * W],
    max: [1000 * W, 2000 * W, 3000 * W, 5000 * W],
    minTerm: [12, 24],
    maxTerm: [60, 84, 120],
    rate: [3.4, 5.5],
    restrict: [0.1, ['C', 'F']],
    materials: MORTGAGE_MATERIALS,
    text: '以厂房、商铺、住宅等不动产抵押的经营性贷款，额度高、期限长，支持{area}企业扩大生产。',
  },
  homeMortgage: {
    kind: 'mortgage',
    customers: ['individual', 'sole_trader'],
    min: [10 * W, 20 * W, 30 * W],
    max: [300 * W, 500 * W, 1000 * W],
    minTerm: [12],
    maxTerm: [60, 120],
    rate: [3.6, 5.8],
    materials: ['身份证', '不动产权证书', '经营证明或营业执照', '婚姻状况证明'],
    text: '以本人或家庭名下住房抵押的个人经营贷款，用于{area}小微企业主和个体户的经营周转。',
  },
  receivables: {
    kind: 'pledge',
    customers: ['enterprise'],
    min: [50 * W, 100 * W],
    max: [500 * W, 1000 * W, 2000 * W],
    minTerm: [3, 6],
    maxTerm: [12, 24],
    rate: [3.8, 6.0],
    industries: ['C', 'F'],
    materials: ['营业执照', '应收账款凭证', '购销合同', '近一年财务报表'],
    text: '以应收账款质押融资，依托核心企业供应链为{area}上下游中小企业提供流动资金。',
  },
  ipPledge: {
    kind: 'pledge',
    customers: ['enterprise'],
    min: [30 * W, 50 * W],
    max: [300 * W, 500 * W, 1000 * W],
    minTerm: [12],
    maxTerm: [24, 36],
    rate: [3.8, 5.8],
    industries: ['C', 'I', 'M'],
    materials: ['营业执照', '专利或商标证书', '知识产权评估报告'],
    text: '以专利权、商标权质押的科技型企业贷款，让{area}企业的知识产权变成融资能力。',
  },
  guarantee: {
    kind: 'guarantee',
    customers: ['enterprise', 'sole_trader'],
    min: [10 * W, 30 * W, 50 * W],
    max: [300 * W, 500 * W, 1000 * W],
    minTerm: [6, 12],
    maxTerm: [24, 36],
    rate: [3.8, 6.5],
    restrict: [0.2, ['A', 'C', 'F']],
    materials: ['营业执照', '法定代表人身份证', '担保申请书', '近一年财务报表'],
    text: '由政府性融资担保机构提供担保的小微企业贷款，担保费率不超过1%，缓解{area}企业缺少抵押物的难题。',
  },
  startup: {
    kind: 'guarantee',
    customers: ['individual', 'sole_trader'],
    min: [1 * W, 5 * W],
    max: [30 * W, 50 * W],
    minTerm: [12],
    maxTerm: [24, 36],
    rate: [3.45, 3.95],
    materials: ['身份证', '创业项目说明', '就业创业证或营业执照'],
    text: '政府性融资担保、财政贴息的创业担保贷款，支持{area}高校毕业生、返乡创业人员、退役军人等重点群体创业。',
  },
  farmer: {
    kind: 'credit',
    customers: ['farmer'],
    min: [1 * W, 2 * W, 3 * W],
    max: [20 * W, 30 * W, 50 * W],
    minTerm: [3, 6, 12],
    maxTerm: [12, 24, 36],
    rate: [3.85, 6.8],
    restrict: [0.3, ['A']],
    materials: FARMER_MATERIALS,
    text: '面向{area}种养殖户、家庭农场的信用贷款，用于购买农资、扩大生产，随借随还、按日计息。',
  },
  agriGuarantee: {
    kind: 'guarantee',
    customers: ['farmer'],
    min: [3 * W, 5 * W, 10 * W],
    max: [30 * W, 50 * W],
    minTerm: [6, 12],
    maxTerm: [24, 36],
    rate: [3.9, 5.2],
    industries: ['A'],
    materials: [...FARMER_MATERIALS, '担保申请书'],
    text: '由山东省农业融资担保提供担保、财政担保费补贴的农业贷款，面向{area}种养大户和家庭农场。',
  },
  agriEnterprise: {
    kind: 'guarantee',
    customers: ['enterprise'],
    min: [50 * W, 100 * W],
    max: [300 * W, 500 * W, 1000 * W],
    minTerm: [12],
    maxTerm: [36],
    rate: [3.9, 5.5],
    industries: ['A', 'C'],
    materials: ['营业执照', '法定代表人身份证', '担保申请书', '近一年财务报表'],
    text: '面向{area}农民专业合作社和农业产业化企业的担保贷款，支持农产品收购、加工和冷链仓储。',
  },
  rural: {
    kind: 'credit',
    customers: ['farmer', 'sole_trader'],
    min: [1 * W, 3 * W, 5 * W],
    max: [30 * W, 50 * W],
    minTerm: [6, 12],
    maxTerm: [24, 36],
    rate: [3.85, 6.2],
    restrict: [0.3, ['A']],
    materials: ['身份证', '户口簿', '经营或种养殖证明'],
    text: '支持{area}乡村产业发展的普惠贷款，覆盖种植、养殖、农产品加工和乡村旅游。',
  },
  merchant: {
    kind: 'credit',
    customers: ['sole_trader'],
    min: [2 * W, 3 * W, 5 * W],
    max: [30 * W, 50 * W, 100 * W],
    minTerm: [3, 6],
    maxTerm: [12, 24, 36],
    rate: [4.2, 7.5],
    materials: SOLE_MATERIALS,
    text: '面向{area}个体工商户和市场商户的信用贷款，依据收单流水授信，手机申请、随借随还。',
  },
  consumer: {
    kind: 'credit',
    customers: ['individual'],
    min: [1 * W, 2 * W],
    max: [20 * W, 30 * W, 50 * W],
    minTerm: [6, 12],
    maxTerm: [36, 60],
    rate: [3.6, 7.8],
    materials: ['身份证', '收入证明', '近六个月银行流水'],
    text: '面向{area}工薪人群和公职人员的个人消费贷款，用于装修、购车、教育等合法消费，线上审批。',
  },
  policy: {
    kind: 'guarantee',
    customers: ['enterprise'],
    min: [500 * W, 1000 * W],
    max: [3000 * W, 5000 * W],
    minTerm: [12, 36],
    maxTerm: [120, 180, 240],
    rate: [3.2, 4.6],
    materials: ['营业执照', '项目可行性研究报告', '近三年财务报表', '担保或抵押材料'],
    text: '政策性中长期贷款，支持{area}粮食安全、农业基础设施和乡村建设重点项目。',
  },
  insured: {
    kind: 'guarantee',
    customers: ['enterprise', 'sole_trader'],
    min: [10 * W, 20 * W],
    max: [100 * W, 200 * W, 300 * W],
    minTerm: [6, 12],
    maxTerm: [12, 24],
    rate: [4.3, 6.5],
    materials: ['营业执照', '法定代表人身份证', '投保单', '近一年财务报表'],
    text: '保险公司提供贷款保证保险、合作银行发放贷款的“政银保”产品，{area}小微企业无需抵押即可融资。',
  },
  policyPledge: {
    kind: 'pledge',
    customers: ['farmer'],
    min: [1 * W, 2 * W],
    max: [20 * W, 30 * W],
    minTerm: [6],
    maxTerm: [12],
    rate: [4.35, 6.0],
    industries: ['A'],
    materials: ['身份证', '农业保险保单', '土地承包经营权证或流转合同'],
    text: '以政策性农业保险保单增信的农户贷款，面向{area}已投保的种植、养殖户。',
  },
};

const SECOND_SENTENCES = [
  '最快当天放款。',
  '支持线上申请、线下面签。',
  '额度可循环使用，按日计息。',
  '客户经理可上门调查，审批结果三个工作日内反馈。',
  '提前还款不收违约金。',
  '符合条件的可享受财政贴息。',
];

/** A product an institution offers: a name on an archetype, optionally with its own sentence. */
type Offer = readonly [name: string, archetype: Archetype, text?: string];

/** What the city-level branch of each brand lists, most characteristic first. */
const BRAND_CATALOG: Record<string, readonly Offer[]> = {
  中国农业发展银行: [
    [
      '粮油收购贷款',
      { ...A.policy!, minTerm: [3, 6], maxTerm: [12] },
      '支持{area}粮棉油收储企业按时收购、不打白条的政策性流动资金贷款。',
    ],
    ['乡村振兴基础设施贷款', { ...A.policy!, kind: 'mortgage' }],
    ['农业产业化龙头企业贷款', { ...A.policy!, kind: 'credit', min: [300 * W], max: [2000 * W, 3000 * W] }],
    ['高标准农田建设贷款', A.policy!],
  ],
  中国工商银行: [
    ['经营快贷', A.credit!],
    ['e抵快贷', A.mortgage!],
    ['工银税务贷', A.tax!],
    ['种植e贷', A.farmer!],
    ['工银e信融资', A.receivables!],
    ['个人经营贷款', A.homeMortgage!],
    ['融e借', A.consumer!],
    ['创业担保贷款', A.startup!],
  ],
  中国农业银行: [
    ['纳税e贷', A.tax!],
    ['抵押e贷', A.mortgage!],
    ['链捷贷', A.receivables!],
    ['微捷贷', A.credit!],
    ['县域富民贷', A.rural!],
    ['网捷贷', A.consumer!],
    ['创业担保贷款', A.startup!],
  ],
  中国银行: [
    ['中银税易贷', A.tax!],
    ['中银企e贷', A.credit!],
    ['惠农贷', A.farmer!],
    ['知识产权质押贷', A.ipPledge!],
    ['中银个人经营贷', A.homeMortgage!],
    ['中银e贷', A.consumer!],
    ['中银科技贷', A.science!],
  ],
  中国建设银行: [
    ['云税贷', A.tax!],
    ['小微快贷', A.credit!],
    ['裕农快贷', A.farmer!],
    ['善新贷', A.science!],
    ['商户云贷', A.merchant!],
    ['快e贷', A.consumer!],
    ['个人经营抵押贷', A.homeMortgage!],
  ],
  交通银行: [
    ['税融通', A.tax!],
    ['优贷通', A.mortgage!],
    ['交银普惠e贷', A.credit!],
    ['交银惠民贷', A.consumer!],
    ['应收账款质押贷', A.receivables!],
  ],
  中国邮政储蓄银行: [
    ['极速贷', A.credit!],
    ['小微易贷', A.tax!],
    ['产业贷', A.rural!],
    ['商户贷', A.merchant!],
    ['家庭农场贷款', A.farmer!],
    ['邮享贷', A.consumer!],
    ['创业担保贷款', A.startup!],
    ['房产抵押贷', A.homeMortgage!],
  ],
  中信银行: [
    ['信e融', A.receivables!],
    ['科创e贷', A.science!],
    ['信秒贷', A.consumer!],
    ['中信房抵贷', A.homeMortgage!],
  ],
  中国光大银行: [
    ['阳光e税贷', A.tax!],
    ['阳光快贷', A.credit!],
    ['阳光融e链', A.receivables!],
    ['阳光抵押贷', A.mortgage!],
  ],
  兴业银行: [
    ['兴速贷', A.credit!],
    ['快易贷', A.homeMortgage!],
    ['兴e贷', A.tax!],
    ['连连贷', A.mortgage!],
    ['兴业科创贷', A.science!],
  ],
  中国民生银行: [
    ['云快贷', A.homeMortgage!],
    ['民生易贷', A.credit!],
    ['网乐贷', A.consumer!],
    ['民生税贷', A.tax!],
  ],
  浦发银行: [
    ['浦惠税贷', A.tax!],
    ['政采贷', A.credit!, '凭政府采购中标合同在线申请的信用贷款，{area}政府采购供应商均可申请。'],
    ['房抵快贷', A.mortgage!],
    ['浦发科创贷', A.science!],
  ],
  华夏银行: [
    ['龙e税', A.tax!],
    ['华夏快易贷', A.homeMortgage!],
    ['华夏链e贷', A.receivables!],
  ],
  恒丰银行: [
    ['恒惠税贷', A.tax!],
    ['恒易贷', A.homeMortgage!],
    ['恒丰科创贷', A.science!],
    ['恒丰商户贷', A.merchant!],
  ],
  齐鲁银行: [
    ['齐鲁e贷', A.credit!],
    ['齐鲁税e贷', A.tax!],
    ['人才贷', A.science!, '面向{area}高层次人才创办、领办企业的信用贷款，凭人才认定即可申请。'],
    ['齐鲁房抵贷', A.mortgage!],
    ['齐鲁惠农贷', A.farmer!],
  ],
  齐商银行: [
    ['税e贷', A.tax!],
    ['商e贷', A.merchant!],
    ['齐商惠农贷', A.farmer!],
    ['齐商抵押贷', A.mortgage!],
  ],
  威海银行: [
    ['税信贷', A.tax!],
    ['科技贷', A.science!],
    ['商户e贷', A.merchant!],
    ['房抵经营贷', A.homeMortgage!],
  ],
  潍坊银行: [
    ['潍银税贷', A.tax!],
    ['潍银快贷', A.credit!],
    ['惠农快贷', A.farmer!],
    ['潍银抵押贷', A.mortgage!],
  ],
  莱商银行: [
    ['莱易贷', A.credit!],
    ['莱商税贷', A.tax!],
    ['莱商抵押贷', A.mortgage!],
    ['莱商惠农贷', A.farmer!],
    ['莱商链贷', A.receivables!],
  ],
  日照银行: [
    ['日银税e贷', A.tax!],
    ['日照科创贷', A.science!],
    ['日银房抵贷', A.homeMortgage!],
  ],
  临商银行: [
    ['临商快贷', A.credit!],
    ['临商商户贷', A.merchant!],
    ['临商税贷', A.tax!],
  ],
  泰安银行: [
    ['泰银税e贷', A.tax!],
    ['泰银快贷', A.credit!],
    ['泰银惠农贷', A.farmer!],
  ],
};

/** Short brand a county sub-branch prefixes its local products with (工银灵芝贷, 齐鲁轴承贷). */
const BRAND_SHORT: Record<string, string> = {
  中国农业发展银行: '农发',
  中国工商银行: '工银',
  中国农业银行: '农银',
  中国银行: '中银',
  中国建设银行: '建行',
  交通银行: '交银',
  中国邮政储蓄银行: '邮储',
  中信银行: '中信',
  中国光大银行: '光大',
  兴业银行: '兴业',
  中国民生银行: '民生',
  浦发银行: '浦发',
  华夏银行: '华夏',
  恒丰银行: '恒丰',
  齐鲁银行: '齐鲁',
  齐商银行: '齐商',
  威海银行: '威海',
  潍坊银行: '潍银',
  莱商银行: '莱商',
  日照银行: '日银',
  临商银行: '临商',
  泰安银行: '泰银',
};

/** What each county's own industries ask for (冠县灵芝, 临清轴承, 东阿阿胶 …). */
const COUNTY_SPECIALS: Record<string, readonly Offer[]> = {
  '371502': [
    ['商圈贷', A.merchant!, '面向东昌府区古楼、柳园等商圈个体商户的经营贷款，凭收单流水授信。'],
    ['物流贷', { ...A.credit!, industries: ['G'] }, '支持东昌府区物流园区运输、仓储企业购车和周转的信用贷款。'],
    [
      '葫芦文创贷',
      { ...A.merchant!, customers: ['sole_trader', 'individual'] },
      '支持东昌葫芦雕刻等非遗文创商户备货和经营的小额贷款。',
    ],
  ],
  '371503': [
    [
      '铝业链贷',
      { ...A.receivables!, industries: ['C'] },
      '依托茌平铝产业链核心企业，为上下游配套企业提供的应收账款质押融资。',
    ],
    ['圆铃枣农贷', A.farmer!, '面向茌平圆铃大枣种植户的信用贷款，用于枣园管护和收购周转。'],
  ],
  '371521': [
    [
      '电缆贷',
      { ...A.credit!, customers: ['enterprise'], industries: ['C'] },
      '面向阳谷电线电缆产业集群中小企业的信用贷款，用于原材料采购。',
    ],
    ['禽业养殖贷', A.farmer!, '支持阳谷肉鸡、蛋鸡养殖户建棚、购苗和饲料周转的信用贷款。'],
  ],
  '371522': [
    ['棚菜贷', A.farmer!, '面向莘县蔬菜大棚种植户的信用贷款，用于建棚、购苗和农资周转。'],
    ['香瓜贷', A.farmer!, '面向莘县香瓜种植户的季节性信用贷款，随借随还、按日计息。'],
    [
      '蔬菜产业贷',
      { ...A.agriEnterprise!, kind: 'credit' },
      '支持莘县蔬菜合作社、冷链和加工企业收购与仓储的流动资金贷款。',
    ],
  ],
  '371524': [
    [
      '阿胶产业贷',
      { ...A.credit!, customers: ['enterprise'], industries: ['C'] },
      '面向东阿阿胶及相关制品加工企业的流动资金贷款。',
    ],
    ['养驴贷', A.farmer!, '支持东阿毛驴养殖户扩栏、购买饲草的信用贷款。'],
  ],
  '371525': [
    ['灵芝贷', A.farmer!, '面向冠县灵芝种植户和加工户的专属信用贷款，用于菌棚建设、菌种和设备采购。'],
    ['鸭梨贷', A.farmer!, '面向冠县鸭梨、蜜桃果园种植户的信用贷款，用于果园管护和销售周转。'],
    ['苗木贷', A.rural!, '支持冠县苗木花卉种植户和经销商扩大经营的普惠贷款。'],
  ],
  '371526': [
    [
      '纺织贷',
      { ...A.credit!, customers: ['enterprise'], industries: ['C'] },
      '面向高唐纺织、服装加工企业的信用贷款，用于棉纱采购和订单生产。',
    ],
    [
      '造纸产业链贷',
      { ...A.receivables!, industries: ['C'] },
      '依托高唐造纸龙头企业，为配套供应商提供的应收账款质押融资。',
    ],
  ],
  '371581': [
    [
      '轴承贷',
      { ...A.credit!, customers: ['enterprise'], industries: ['C'] },
      '面向临清轴承产业集群中小企业的信用贷款，用于设备更新和原材料采购。',
    ],
    [
      '棉纺贷',
      { ...A.credit!, customers: ['enterprise'], industries: ['C'] },
      '支持临清棉纺织企业采购棉花、扩大生产的流动资金贷款。',
    ],
    [
      '运河文旅贷',
      { ...A.merchant!, customers: ['sole_trader', 'enterprise'], industries: ['H', 'R'] },
      '支持临清运河古城民宿、餐饮和文旅经营主体的经营贷款。',
    ],
  ],
};

/** Rural commercial banks (head offices) list the fullest local catalog. */
const RCB_CATALOG: readonly Offer[] = [
  ['鲁担惠农贷', A.agriGuarantee!],
  ['乡村振兴贷', A.rural!],
  ['创业担保贷款', A.startup!],
  ['税e贷', A.tax!],
  ['家庭农场贷', A.farmer!],
  ['商户贷', A.merchant!],
  ['房抵贷', A.mortgage!],
  ['富民生产贷', { ...A.farmer!, restrict: undefined }],
  [
    '强村贷',
    { ...A.credit!, customers: ['enterprise'] },
    '面向{area}村集体经济组织和强村公司的信用贷款，支持村级产业项目。',
  ],
  ['应收账款质押贷', A.receivables!],
  ['科创贷', A.science!],
  ['安居贷', A.consumer!],
];

const VILLAGE_CATALOG: readonly Offer[] = [
  ['惠农贷', A.farmer!],
  ['商户贷', A.merchant!],
  ['个人经营贷', { ...A.homeMortgage!, max: [100 * W, 200 * W, 300 * W] }],
  ['创业担保贷款', A.startup!],
];

/** What a county sub-branch lists besides its county's specials. */
const LOCAL_OFFERS: readonly Offer[] = [
  ['创业担保贷款', A.startup!],
  ['县域快贷', A.credit!],
  ['乡村振兴贷', A.rural!],
  ['商户贷', A.merchant!],
  ['县域抵押贷', { ...A.mortgage!, max: [500 * W, 1000 * W] }],
];

const TOWN_OFFERS = ['农户小额信用贷', '富民创业贷', '乡村振兴贷', '农资周转贷'];

// ---------------------------------------------------------------- products

interface Listing {
  institution: SeedInstitution | { name: string; type: string; countiesServed: string[]; regionCode: string };
  /** Everything it could list, most characteristic first; it lists the first `take`, the rest are spares. */
  offers: Offer[];
  take: number;
}

const round5 = (bp: number) => Math.round(bp / 5) * 5;

function productFrom(rng: Rng, institution: Listing['institution'], offer: Offer, popularity: number): SeedProduct {
  const [name, arch, ownText] = offer;
  const minAmount = rng.pick(arch.min);
  const maxAmount = Math.max(rng.pick(arch.max), minAmount * 2);
  const minTermMonths = rng.pick(arch.minTerm);
  const maxTermMonths = Math.max(rng.pick(arch.maxTerm), minTermMonths);
  const [lo, hi] = arch.rate.map(percentToBp) as [number, number];
  const minRateBp = round5(lo + rng.float() * 0.4 * (hi - lo));
  const maxRateBp = round5(minRateBp + (0.3 + rng.float() * 0.7) * (hi - minRateBp));

  const served = institution.countiesServed;
  let counties: string[] = served;
  let allCounties = false;
  if (served.length === ALL_COUNTIES.length) {
    allCounties = rng.chance(0.8);
    counties = allCounties ? [] : [...rng.shuffle(served).slice(0, rng.int(3, 6))].sort();
  }
  let industries = arch.industries ? [...arch.industries] : [];
  if (!arch.industries && arch.restrict && rng.chance(arch.restrict[0])) {
    const sections = arch.restrict[1];
    industries = rng.shuffle(sections).slice(0, rng.int(1, sections.length)).sort();
  }
  const area = allCounties
    ? '全市'
    : counties.length <= 3
      ? counties.map(countyName).join('、')
      : `${CITY.name}${counties.length}个县（市、区）`;
  const first = (ownText ?? arch.text).replaceAll('{area}', area);
  const description = rng.chance(0.5) ? first + rng.pick(SECOND_SENTENCES) : first;

  // Log-normal popularity: most products see a few dozen requests, a handful some hundreds.
  const requestCount = Math.min(5_000, Math.round(Math.exp(3.4 + 1.1 * rng.normal()) * popularity));
  return {
    institution: institution.name,
    name,
    kind: arch.kind,
    minAmount,
    maxAmount,
    minTermMonths,
    maxTermMonths,
    minRateBp,
    maxRateBp,
    customerTypes: [...arch.customers],
    allCounties,
    counties,
    allIndustries: industries.length === 0,
    industries,
    requiredMaterials: [...arch.materials],
    description,
    requestCount,
  };
}

/** The demo catalog, as seed records: the dataset starts with it. */
function demoProducts(rng: Rng): SeedProduct[] {
  const published = new Set<string>(REFERENCE_DATA.publishedFigures.publishedProductNames);
  return DEMO_PRODUCTS.map((p) => ({
    institution: p.institution,
    ...demoProductColumns(p),
    // The published flagship products are the platform's most requested.
    requestCount: published.has(p.name) ? rng.int(800, 2_400) : rng.int(60, 400),
  }));
}

/** Each institution's offers, most characteristic first; how many it lists depends on its kind. */
function listings(rng: Rng, generated: SeedInstitution[]): Listing[] {
  const out: Listing[] = [];
  const reference = REFERENCE_DATA.institutions.map((i) => {
    const regionCode = i.type === 'rural_commercial_bank' && i.name !== '聊城农商银行' ? rcbCounty(i.name) : CITY.code;
    return {
      name: i.name,
      type: i.type,
      regionCode,
      countiesServed: regionCode === CITY.code ? [...ALL_COUNTIES] : [regionCode],
    };
  });
  for (const institution of [...reference, ...generated]) {
    const level = 'level' in institution ? institution.level : 'branch';
    const county = institution.regionCode;
    let offers: Offer[] = [];
    let take = 0;
    if (institution.type === 'rural_commercial_bank' && level !== 'sub_branch') {
      // The city's rural bank serves every county with the general catalog; a county's adds its own specials.
      const own: Offer[] =
        county === CITY.code ? [] : [[`${countyShort(county)}e贷`, A.credit!], ...COUNTY_SPECIALS[county]!.slice(0, 2)];
      offers = [...own, ...RCB_CATALOG];
      take = county === CITY.code ? RCB_CATALOG.length : rng.int(9, 11);
    } else if (institution.type === 'rural_commercial_bank') {
      // A township branch: one of its county's specials or a small farm loan of its own.
      offers = rng.shuffle([rng.pick(COUNTY_SPECIALS[county]!), [rng.pick(TOWN_OFFERS), A.rural!] as Offer]);
      take = rng.chance(0.85) ? 1 : 0;
    } else if (institution.type === 'policy_bank' && level === 'sub_branch') {
      offers = [[`${countyShort(county)}高标准农田建设贷款`, A.policy!]];
      take = rng.chance(0.35) ? 1 : 0;
    } else if (level === 'sub_branch' && institution.type.endsWith('_bank')) {
      // A county sub-branch of a city-level bank: its county's specials under the bank's brand.
      const short = BRAND_SHORT[brandOf((institution as SeedInstitution).parentName!)]!;
      const branded = ([name, arch, text]: Offer): Offer => [
        name === '创业担保贷款' ? name : `${short}${name}`,
        arch,
        text,
      ];
      offers = rng.shuffle([branded(rng.pick(COUNTY_SPECIALS[county]!)), branded(rng.pick(LOCAL_OFFERS))]);
      const big = institution.type === 'state_bank' || institution.type === 'city_commercial_bank';
      const roll = rng.float();
      take = big ? (roll < 0.1 ? 0 : roll < 0.9 ? 1 : 2) : roll < 0.5 ? 0 : 1;
    } else if (institution.type === 'village_bank') {
      offers = [...VILLAGE_CATALOG];
      take = rng.int(3, 4);
    } else if (institution.type === 'guarantee') {
      if (institution.name === AGRI_GUARANTEE) {
        offers = [
          ['鲁担惠农贷', A.agriGuarantee!],
          ['农担产业贷', A.agriEnterprise!],
          ['粮食种植担保贷', { ...A.agriGuarantee!, max: [50 * W] }],
        ];
        take = 3;
      } else if (level === 'sub_branch') {
        offers = [['鲁担惠农贷', A.agriGuarantee!]];
        take = 1;
      } else if (institution.name === CITY_GUARANTEE) {
        offers = [
          [
            '见贷即保',
            A.guarantee!,
            '银行审批通过即由市融资担保公司直接担保的小微企业贷款，{area}企业无需另找担保人。',
          ],
          ['科创担保贷', { ...A.guarantee!, industries: ['C', 'I', 'M'] }],
          ['创业担保贷款', A.startup!],
          ['政采担保贷', A.guarantee!, '为{area}政府采购中标企业提供担保的合同融资，凭中标通知书即可申请。'],
        ];
        take = 4;
      } else {
        offers = [
          ['创业担保贷款', A.startup!],
          [`${countyShort(county)}惠企担保贷`, A.guarantee!],
        ];
        take = rng.int(1, 2);
      }
    } else if (institution.type === 'insurer') {
      offers = [
        ['政银保', A.insured!],
        ['农险保单贷', A.policyPledge!],
        ['小额贷款保证保险', { ...A.insured!, customers: ['sole_trader', 'individual'], max: [30 * W, 50 * W] }],
      ];
      take = institution.name === PICC ? 3 : level === 'sub_branch' ? (rng.chance(0.5) ? 1 : 0) : rng.int(1, 2);
    } else if (institution.type !== 'securities') {
      offers = [...(BRAND_CATALOG[brandOf(institution.name)] ?? [])];
      take = offers.length;
    }
    out.push({ institution, offers, take });
  }
  return out;
}

/** 临清农商银行 → 371581: the county rural banks carry their county's name. */
function rcbCounty(name: string): string {
  return COUNTIES.find((c) => name.startsWith(countyShort(c.code)))?.code ?? CITY.code;
}

function generateProducts(rng: Rng, generated: SeedInstitution[]): SeedProduct[] {
  const demo = demoProducts(rng);
  const taken = new Set(demo.map((p) => `${p.institution}\u0000${p.name}`));
  const listed: SeedProduct[][] = [];
  const spares: SeedProduct[][] = [];
  for (const { institution, offers, take } of listings(rng, generated)) {
    const popularity = 'level' in institution && institution.level === 'sub_branch' ? 0.5 : 1.5;
    const own = offers.filter(([name]) => !taken.has(`${institution.name}\u0000${name}`));
    const queue = own.map((offer) => productFrom(rng, institution, offer, popularity));
    for (const p of queue) taken.add(`${p.institution}\u0000${p.name}`);
    listed.push(queue.slice(0, take));
    spares.push(queue.slice(take));
  }
  // Round-robin over institutions: a shorter dataset trims the longest catalogs, not whole institutions.
  const ordered = [...demo, ...roundRobin(listed), ...roundRobin(spares)];
  return ordered.slice(0, LIAOCHENG_SCALE.listedProducts + SPARE_PRODUCTS);
}

function roundRobin<T>(queues: T[][]): T[] {
  const out: T[] = [];
  for (let rank = 0; queues.some((q) => q.length > rank); rank++) {
    for (const queue of queues) if (queue[rank]) out.push(queue[rank]!);
  }
  return out;
}

/** The whole dataset for a seed number. */
export function generateLiaocheng(seed: number = DEFAULT_SEED): SeedDataset {
  const rng = new Rng(seed);
  const institutions = generateInstitutions(rng);
  const products = generateProducts(rng, institutions);
  return { seed, institutions, products };
}
