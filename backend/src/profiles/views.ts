import { APPLICANT_ROLES } from '../access/roles';
import { multiline } from '../http/text';
import { z } from '../http/zod';
import {
  AGRICULTURAL_ENTITY_TYPES,
  CERTIFICATIONS,
  INCOME_BANDS,
  PROFILE_SOURCES,
  TAX_CREDIT_RATINGS,
  UTILITY_PAYMENT_RECORDS,
} from './enums';

/** Whole yuan, up to ten trillion: a large enterprise's assets exceed the loan amounts' bound. */
const Money = z.number().int().min(0).max(10_000_000_000_000).openapi({ description: 'whole yuan' });
const Day = z.iso.date();
const ShortText = (max: number) => z.string().trim().min(1).max(max);

export const ExistingLoan = z.object({
  bank: ShortText(60),
  balance: Money.refine((n) => n > 0, 'field.required'),
  maturesOn: Day,
});

/** What each field of a profile holds, enterprises' first. */
const ENTERPRISE_VALUES = {
  registeredCapital: Money,
  establishedOn: Day,
  legalRepresentative: ShortText(50),
  employees: z.number().int().min(0).max(1_000_000),
  lastYearRevenue: Money,
  totalAssets: Money,
  totalLiabilities: Money,
  mainBusiness: multiline(ShortText(200)),
  existingLoans: z.array(ExistingLoan).max(20),
  collateralOnOffer: multiline(ShortText(200)),
  certifications: z
    .array(z.enum(CERTIFICATIONS))
    .max(CERTIFICATIONS.length)
    .refine((list) => new Set(list).size === list.length, 'profile.duplicate'),
  taxCreditRating: z.enum(TAX_CREDIT_RATINGS),
};

const INDIVIDUAL_VALUES = {
  occupation: ShortText(50),
  incomeBand: z.enum(INCOME_BANDS),
  /** 亩, the unit of the land contract certificate. */
  landContractArea: z.number().min(0).max(100_000).openapi({ description: 'mu (亩)' }),
  agriculturalEntityType: z.enum(AGRICULTURAL_ENTITY_TYPES),
};

const PUBLIC_DATA_VALUES = {
  taxCreditRating: z.enum(TAX_CREDIT_RATINGS),
  socialInsuranceHeadcount: z.number().int().min(0),
  utilityPaymentRecord: z.enum(UTILITY_PAYMENT_RECORDS),
  administrativePenalties: z.number().int().min(0),
  dishonestDebtor: z.boolean(),
};

/**
 * `PUT /me/profile`: the applicant's whole self-declared profile (a field left out is no longer
 * declared). An enterprise sends enterprise fields, an individual individual ones; the service
 * names a field of the other kind.
 */
export const ProfileInput = z.object(
  Object.fromEntries(
    Object.entries({ ...ENTERPRISE_VALUES, ...INDIVIDUAL_VALUES }).map(([name, schema]) => [name, schema.optional()]),
  ) as {
    [K in keyof typeof ENTERPRISE_VALUES | keyof typeof INDIVIDUAL_VALUES]: z.ZodOptional<
      (typeof ENTERPRISE_VALUES & typeof INDIVIDUAL_VALUES)[K]
    >;
  },
);
export type ProfileInputBody = z.input<typeof ProfileInput>;
export type ProfileInputType = z.output<typeof ProfileInput>;

/** A value as read: where it comes from (自报 or 导入), the import's provider, and the day it describes. */
function sourced<T extends z.ZodType>(value: T) {
  return z.object({
    value,
    source: z.enum(PROFILE_SOURCES),
    asOf: Day,
    sourceName: z.string().optional().openapi({ description: "imported values: the provider's name" }),
  });
}

const sourcedAll = <S extends Record<string, z.ZodType>>(shape: S) =>
  Object.fromEntries(Object.entries(shape).map(([name, schema]) => [name, sourced(schema).optional()])) as {
    [K in keyof S]: z.ZodOptional<ReturnType<typeof sourced<S[K]>>>;
  };

/**
 * `GET /me/profile`: every field the applicant or the bureau has given, each with its source and
 * day; a field nobody has given is absent. An imported tax credit rating takes the place of the
 * self-declared one.
 */
export const ProfileView = z
  .object({
    kind: z.enum(APPLICANT_ROLES),
    fields: z.object({
      ...sourcedAll(ENTERPRISE_VALUES),
      ...sourcedAll(INDIVIDUAL_VALUES),
      ...sourcedAll(PUBLIC_DATA_VALUES),
    }),
  })
  .openapi('Profile');
export type ProfileViewType = z.output<typeof ProfileView>;
export type ProfileFields = ProfileViewType['fields'];

/** The text fields of `POST /public-data/imports` besides the file. */
export const ImportFields = z.object({
  source: ShortText(60).openapi({ description: 'the provider, e.g. 聊城市大数据局' }),
});

export const RejectedRow = z.object({
  row: z.number().int().openapi({ description: 'the row as a spreadsheet numbers it (the header is row 1)' }),
  field: z.string(),
  reason: z.string(),
});

/** What an import did: every row imported, or none and the rows refused with their reasons. */
export const ImportReport = z
  .object({ imported: z.number().int(), rejected: z.array(RejectedRow) })
  .openapi('PublicDataImportReport');
export type ImportReportType = z.output<typeof ImportReport>;
