import { CountyCode, Industry } from '../auth/validation';
import type { FieldMessageKey } from '../http/messages';
import { multiline } from '../http/text';
import { z } from '../http/zod';
import { PageQuery } from '../http/pagination';
import { PROGRAM_KINDS } from '../program-kinds';
import { CATALOG_SORTS, CUSTOMER_TYPES, PRODUCT_KINDS } from './enums';

/**
 * A positive amount with at most `decimals` places, as a JSON number or a plain decimal string
 * ("3.85"). An exponent, sign, space or hex digit is refused: 5e-12 would round to nothing when stored.
 */
function plainDecimal(decimals: 0 | 2, message: FieldMessageKey, bounds: z.ZodNumber) {
  const scale = 10 ** decimals;
  const digits = decimals ? new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`) : /^\d+$/;
  return z
    .union([z.number(), z.string().regex(digits).transform(Number)], { error: message })
    .pipe(bounds.positive().refine((n) => Math.round(n * scale) / scale === n, message));
}

/** Money: whole yuan. */
export const Yuan = plainDecimal(0, 'yuan.format', z.number().max(1_000_000_000)).openapi({
  description: 'integer yuan',
});
/** An annual rate in percent with two decimals at most (3.85); the smallest is 0.01. */
export const annualRate = (max: number) =>
  plainDecimal(2, 'rate.precision', z.number().max(max)).openapi({ description: 'annual rate in percent, e.g. 3.85' });

const Months = z.number().int().min(1).max(360);
const Rate = annualRate(100);
const distinct = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .transform((items) => [...new Set(items)]);

/** The fields an institution admin writes; all but name and kind may wait until listing. */
export const ProductFields = z.object({
  name: z.string().trim().min(2).max(50),
  kind: z.enum(PRODUCT_KINDS),
  minAmount: Yuan.nullable().optional(),
  maxAmount: Yuan.nullable().optional(),
  minTermMonths: Months.nullable().optional(),
  maxTermMonths: Months.nullable().optional(),
  minRate: Rate.nullable().optional(),
  maxRate: Rate.nullable().optional(),
  customerTypes: distinct(z.enum(CUSTOMER_TYPES), 4).optional(),
  allCounties: z.boolean().optional(),
  counties: distinct(CountyCode, 50).optional(),
  allIndustries: z.boolean().optional(),
  industries: distinct(Industry, 20).optional(),
  requiredMaterials: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  /** Stored as typed; the web app renders it as text, so markup stays inert. */
  description: multiline(z.string().max(2000)).optional(),
});
export type ProductFieldsInput = z.output<typeof ProductFields>;
/** What a client sends to create a product (`POST /products`). */
export type ProductFieldsBody = z.input<typeof ProductFields>;

export const ProductPatch = ProductFields.partial();
export type ProductPatchInput = z.output<typeof ProductPatch>;
/** What a client sends to edit one (`PATCH /products/:id`). */
export type ProductPatchBody = z.input<typeof ProductPatch>;

/** `GET /products`: the public catalog's filters, every one combinable, and its order. */
export const CatalogQuery = PageQuery.extend({
  q: z.string().trim().min(1).max(50).optional(),
  kind: z.enum(PRODUCT_KINDS).optional(),
  institutionId: z.string().uuid().optional(),
  county: CountyCode.optional(),
  customerType: z.enum(CUSTOMER_TYPES).optional(),
  industry: Industry.optional(),
  amount: Yuan.optional().openapi({ description: 'yuan: only products whose range allows it' }),
  termMonths: z.coerce.number().int().positive().max(360).optional(),
  programKind: z
    .enum(PROGRAM_KINDS)
    .optional()
    .openapi({ description: 'only products an active fiscal program of this kind covers (政策支持)' }),
  sort: z.enum(CATALOG_SORTS).default('popular'),
});
/** The catalog's query as the API reads it. */
export type CatalogQueryParams = z.output<typeof CatalogQuery>;
