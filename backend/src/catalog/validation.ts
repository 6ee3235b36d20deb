import { CountyCode, Industry } from '../auth/validation';
import { z } from '../http/zod';
import { CUSTOMER_TYPES, PRODUCT_KINDS } from './schema';

const Yuan = z.number().int().positive().max(1_000_000_000).openapi({ description: 'integer yuan' });
const Months = z.number().int().min(1).max(360);
const Rate = z
  .number()
  .positive()
  .max(100)
  .refine((r) => Math.abs(r * 100 - Math.round(r * 100)) < 1e-9, 'rate.precision')
  .openapi({ description: 'annual rate in percent, e.g. 3.85' });
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
  description: z.string().max(2000).optional(),
});
export type ProductFieldsInput = z.output<typeof ProductFields>;

export const ProductPatch = ProductFields.partial();
export type ProductPatchInput = z.output<typeof ProductPatch>;
