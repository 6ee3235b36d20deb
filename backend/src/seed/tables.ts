/**
 * The tables the Liaocheng dataset is made from (liaocheng.ts): the JSON files in data/, checked as
 * they load. A table that does not fit its schema stops the seed with the file and the field at fault.
 * Another city is another set of these files.
 */
import { z } from 'zod';
import { CUSTOMER_TYPES, PRODUCT_KINDS, type CustomerType, type ProductKind } from '../catalog/schema';
import { INDUSTRY_CODES } from '../reference/industries';
import { REFERENCE_DATA } from '../reference/load';
import agriculturalCounties from './data/agricultural-counties.json' with { type: 'json' };
import archetypes from './data/archetypes.json' with { type: 'json' };
import brandCatalogs from './data/brand-catalogs.json' with { type: 'json' };
import brandShortNames from './data/brand-short-names.json' with { type: 'json' };
import cityInstitutions from './data/city-institutions.json' with { type: 'json' };
import contactSurnames from './data/contact-surnames.json' with { type: 'json' };
import countySpecials from './data/county-specials.json' with { type: 'json' };
import countySubBranchOffers from './data/county-sub-branch-offers.json' with { type: 'json' };
import institutionOffers from './data/institution-offers.json' with { type: 'json' };
import roads from './data/roads.json' with { type: 'json' };
import ruralBankCatalog from './data/rural-bank-catalog.json' with { type: 'json' };
import secondSentences from './data/second-sentences.json' with { type: 'json' };
import subBranchCountyWeights from './data/sub-branch-county-weights.json' with { type: 'json' };
import subBranchPlan from './data/sub-branch-plan.json' with { type: 'json' };
import townshipOffers from './data/township-offers.json' with { type: 'json' };
import townships from './data/townships.json' with { type: 'json' };
import villageBankCatalog from './data/village-bank-catalog.json' with { type: 'json' };
import villageBanks from './data/village-banks.json' with { type: 'json' };

/** `json`, the contents of data/`file`, as `schema` reads it; else an error naming the file and every field at fault. */
export function table<T extends z.ZodType>(file: string, schema: T, json: unknown): z.output<T> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const at = (path: PropertyKey[]) =>
    path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('') ||
    '(the whole table)';
  const faults = parsed.error.issues.map((issue) => `  ${at(issue.path)}: ${issue.message}`);
  throw new Error(`seed table backend/src/seed/data/${file} does not fit its schema:\n${faults.join('\n')}`);
}

// ---------------------------------------------------------------- schemas

const Text = z.string().min(1);
const Texts = z.array(Text).min(1);
const COUNTY_CODES = REFERENCE_DATA.counties.map((c) => c.code);
const County = z.enum(COUNTY_CODES);
const Institution = Text.refine(
  (name) => REFERENCE_DATA.institutions.some((i) => i.name === name),
  'not an institution of the reference data (reference/data)',
);
/** Choices of an amount (yuan) or a term (months). */
const Choices = z.array(z.number().int().positive()).min(1);
const Industries = z.array(z.enum(INDUSTRY_CODES)).min(1);
const Restrict = z.tuple([z.number().min(0).max(1), Industries]);

const ArchetypeFields = {
  kind: z.enum(PRODUCT_KINDS),
  customers: z.array(z.enum(CUSTOMER_TYPES)).min(1),
  min: Choices,
  max: Choices,
  minTerm: Choices,
  maxTerm: Choices,
  rate: z.tuple([z.number().positive(), z.number().positive()]).refine(([lo, hi]) => lo <= hi, 'rate.lowAboveHigh'),
  industries: Industries.optional(),
  restrict: Restrict.optional(),
  materials: Texts,
  text: Text,
};

// ---------------------------------------------------------------- geography

/** Townships (镇/乡/街道 without the suffix) where the rural banks keep branches, per county. */
export const TOWNSHIPS: Record<string, readonly string[]> = table(
  'townships.json',
  z.record(County, z.array(Text).min(4)),
  townships,
);

/** Where joint-stock and smaller city banks open county sub-branches first: the bigger economies. */
export const COUNTY_WEIGHT: readonly (readonly [string, number])[] = table(
  'sub-branch-county-weights.json',
  z.array(z.strictObject({ county: County, weight: z.number().positive() })).min(1),
  subBranchCountyWeights,
).map(({ county, weight }) => [county, weight] as const);

/** Counties where the agricultural guarantee company and 中华联合 open county offices. */
export const AGRICULTURAL_COUNTIES: readonly string[] = table(
  'agricultural-counties.json',
  z.array(County).min(3),
  agriculturalCounties,
);

/** Streets of institutions' addresses, and surnames of their contacts. */
export const ROADS: readonly string[] = table('roads.json', Texts, roads);
export const SURNAMES: readonly string[] = table('contact-surnames.json', Texts, contactSurnames);

// ---------------------------------------------------------------- institutions

/** County sub-branches of each city-level bank: how many, and in which counties when not all. */
export const SUB_BRANCH_PLAN: readonly (readonly [string, number])[] = table(
  'sub-branch-plan.json',
  z.array(z.strictObject({ parent: Institution, branches: z.number().int().min(1).max(COUNTY_CODES.length) })),
  subBranchPlan,
).map(({ parent, branches }) => [parent, branches] as const);

export const VILLAGE_BANKS: readonly (readonly [string, string])[] = table(
  'village-banks.json',
  z.array(z.strictObject({ name: Text, county: County })),
  villageBanks,
).map(({ name, county }) => [name, county] as const);

/** The city's guarantee companies and insurers; 中华联合 and PICC have county branches too. */
export const CITY_INSTITUTIONS = table(
  'city-institutions.json',
  z
    .strictObject({
      cityGuarantee: Text,
      agriculturalGuarantee: Text,
      picc: Institution,
      chinaUnited: Text,
      cityInsurers: Texts,
    })
    .refine((c) => c.cityInsurers.includes(c.chinaUnited), {
      path: ['cityInsurers'],
      message: 'must list chinaUnited, the parent of its county branches',
    }),
  cityInstitutions,
);

/** Short brand a county sub-branch prefixes its local products with (工银灵芝贷, 齐鲁轴承贷). */
export const BRAND_SHORT: Record<string, string> = table(
  'brand-short-names.json',
  z.record(Text, Text),
  brandShortNames,
);

// ---------------------------------------------------------------- product archetypes and offers

export interface Archetype {
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

/** Archetypes liaocheng.ts names itself, for the offers it makes up (临清e贷, 冠县惠企担保贷 …). */
const NAMED_IN_CODE = ['credit', 'rural', 'policy', 'startup', 'guarantee'];

/** The kinds of product the catalog is made of, by name (tax, credit, mortgage, farmer …). */
export const ARCHETYPES: Record<string, Archetype> = table(
  'archetypes.json',
  z.record(Text, z.strictObject(ArchetypeFields)).superRefine((all, ctx) => {
    for (const key of NAMED_IN_CODE.filter((k) => !Object.hasOwn(all, k))) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'missing: liaocheng.ts uses this archetype' });
    }
  }),
  archetypes,
);

/** A product an institution offers: a name on an archetype, optionally with its own sentence. */
export type Offer = readonly [name: string, archetype: Archetype, text?: string];

/**
 * An offer in the JSON: `archetype` names one of archetypes.json, `overrides` changes some of its
 * fields (`"restrict": null` removes its restriction), `text` replaces its sentence.
 */
const OfferEntry = z
  .strictObject({
    name: Text,
    archetype: Text.refine((key) => Object.hasOwn(ARCHETYPES, key), 'not an archetype of archetypes.json'),
    overrides: z
      .strictObject({ ...ArchetypeFields, restrict: Restrict.nullable() })
      .partial()
      .optional(),
    text: Text.optional(),
  })
  .transform(({ name, archetype, overrides, text }): Offer => {
    const { restrict, ...fields } = overrides ?? {};
    const base = ARCHETYPES[archetype]!;
    const arch: Archetype = overrides
      ? { ...base, ...fields, ...('restrict' in overrides ? { restrict: restrict ?? undefined } : {}) }
      : base;
    return text === undefined ? [name, arch] : [name, arch, text];
  });
const Offers = z.array(OfferEntry).min(1);

/** What the city-level branch of each brand lists, most characteristic first. */
export const BRAND_CATALOG: Record<string, readonly Offer[]> = table(
  'brand-catalogs.json',
  z.record(Text, Offers),
  brandCatalogs,
);

/** What each county's own industries ask for (冠县灵芝, 临清轴承, 东阿阿胶 …). */
export const COUNTY_SPECIALS: Record<string, readonly Offer[]> = table(
  'county-specials.json',
  z.record(County, z.array(OfferEntry).min(2)),
  countySpecials,
);

/** Rural commercial banks (head offices) list the fullest local catalog. */
export const RCB_CATALOG: readonly Offer[] = table('rural-bank-catalog.json', Offers, ruralBankCatalog);

export const VILLAGE_CATALOG: readonly Offer[] = table('village-bank-catalog.json', Offers, villageBankCatalog);

/** What a county sub-branch lists besides its county's specials. */
export const LOCAL_OFFERS: readonly Offer[] = table('county-sub-branch-offers.json', Offers, countySubBranchOffers);

/** Names of the small farm loans a township branch may list (on the rural archetype). */
export const TOWN_OFFERS: readonly string[] = table('township-offers.json', Texts, townshipOffers);

/** What the guarantee companies and insurers of city-institutions.json list. */
export const INSTITUTION_OFFERS = table(
  'institution-offers.json',
  z.strictObject({
    agriculturalGuarantee: Offers,
    agriculturalGuaranteeOffice: Offers,
    cityGuarantee: Offers,
    insurer: Offers,
  }),
  institutionOffers,
);

/** A product's description may add one of these to its archetype's sentence. */
export const SECOND_SENTENCES: readonly string[] = table('second-sentences.json', Texts, secondSentences);
