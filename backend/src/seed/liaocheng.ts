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
 *
 * The brands, townships, product archetypes and catalogs it draws on are the JSON tables in data/
 * (tables.ts loads and checks them); here is only how a seed number turns them into records.
 */
import { DEMO_PRODUCTS, demoProductColumns } from '../catalog/demo-products';
import { percentToBp } from '../catalog/rules';
import type { CustomerType, ProductKind } from '../catalog/schema';
import type { InstitutionLevel, InstitutionType } from '../institutions/schema';
import { REFERENCE_DATA } from '../reference/load';
import { Rng } from './random';
import {
  AGRICULTURAL_COUNTIES,
  ARCHETYPES,
  BRAND_CATALOG,
  BRAND_SHORT,
  CITY_INSTITUTIONS,
  COUNTY_SPECIALS,
  COUNTY_WEIGHT,
  INSTITUTION_OFFERS,
  LOCAL_OFFERS,
  RCB_CATALOG,
  ROADS,
  SECOND_SENTENCES,
  SUB_BRANCH_PLAN,
  SURNAMES,
  TOWN_OFFERS,
  TOWNSHIPS,
  VILLAGE_BANKS,
  VILLAGE_CATALOG,
  type Offer,
} from './tables';

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

// ---------------------------------------------------------------- institutions

/** 中国农业银行聊城分行 → 中国农业银行; 中国邮政储蓄银行聊城市分行 → 中国邮政储蓄银行. */
const brandOf = (branchName: string) => branchName.replace(/聊城(市)?分行$/, '');

const {
  cityGuarantee: CITY_GUARANTEE,
  agriculturalGuarantee: AGRI_GUARANTEE,
  picc: PICC,
  chinaUnited: CHINA_UNITED,
} = CITY_INSTITUTIONS;
const CITY_INSURERS = CITY_INSTITUTIONS.cityInsurers;

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
        county === CITY.code
          ? []
          : [[`${countyShort(county)}e贷`, ARCHETYPES.credit!], ...COUNTY_SPECIALS[county]!.slice(0, 2)];
      offers = [...own, ...RCB_CATALOG];
      take = county === CITY.code ? RCB_CATALOG.length : rng.int(9, 11);
    } else if (institution.type === 'rural_commercial_bank') {
      // A township branch: one of its county's specials or a small farm loan of its own.
      offers = rng.shuffle([rng.pick(COUNTY_SPECIALS[county]!), [rng.pick(TOWN_OFFERS), ARCHETYPES.rural!] as Offer]);
      take = rng.chance(0.85) ? 1 : 0;
    } else if (institution.type === 'policy_bank' && level === 'sub_branch') {
      offers = [[`${countyShort(county)}高标准农田建设贷款`, ARCHETYPES.policy!]];
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
        offers = [...INSTITUTION_OFFERS.agriculturalGuarantee];
        take = 3;
      } else if (level === 'sub_branch') {
        offers = [...INSTITUTION_OFFERS.agriculturalGuaranteeOffice];
        take = 1;
      } else if (institution.name === CITY_GUARANTEE) {
        offers = [...INSTITUTION_OFFERS.cityGuarantee];
        take = 4;
      } else {
        offers = [
          ['创业担保贷款', ARCHETYPES.startup!],
          [`${countyShort(county)}惠企担保贷`, ARCHETYPES.guarantee!],
        ];
        take = rng.int(1, 2);
      }
    } else if (institution.type === 'insurer') {
      offers = [...INSTITUTION_OFFERS.insurer];
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
