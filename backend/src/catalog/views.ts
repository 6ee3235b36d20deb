import { z } from '../http/zod';
import { INSTITUTION_TYPES } from '../institutions/enums';
import { PROGRAM_KINDS } from '../program-kinds';
import { CUSTOMER_TYPES, PRODUCT_KINDS, PRODUCT_STATUSES } from './enums';
import { ProductFields } from './validation';

/**
 * Products as the API shows them: the one definition the routes answer with, the OpenAPI document
 * describes and the web app reads (through contract.ts). Pure (zod only).
 */

/** A financial product. Money is integer yuan, rates annual percent. */
export const ProductView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    kind: z.enum(PRODUCT_KINDS),
    status: z.enum(PRODUCT_STATUSES),
    institution: z.object({ id: z.string().uuid(), name: z.string(), type: z.enum(INSTITUTION_TYPES) }),
    minAmount: z.number().int().nullable(),
    maxAmount: z.number().int().nullable(),
    minTermMonths: z.number().int().nullable(),
    maxTermMonths: z.number().int().nullable(),
    minRate: z.number().nullable().openapi({ description: 'annual %, e.g. 3.85' }),
    maxRate: z.number().nullable(),
    customerTypes: z.array(z.enum(CUSTOMER_TYPES)),
    allCounties: z.boolean(),
    counties: z.array(z.string()),
    allIndustries: z.boolean(),
    industries: z.array(z.string()),
    requiredMaterials: z.array(z.string()),
    description: z.string(),
    requestCount: z.number().int(),
    listedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** In the catalog and on the product page: the active fiscal programs covering it (贴息, 担保费补贴, 风险补偿). */
    programs: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(PROGRAM_KINDS) })).optional(),
  })
  .openapi('Product');
export type ProductView = z.output<typeof ProductView>;

/** One product with its eligibility rules in plain words, in the requested language. */
export const ProductDetail = ProductView.extend({ eligibility: z.array(z.string()) });
export type ProductDetail = z.output<typeof ProductDetail>;

/** The fields an institution writes on a product, by name, and the status listing changes. */
export const ProductField = z.enum([...ProductFields.keyof().options, 'status']);
export type ProductField = z.output<typeof ProductField>;

/** One change to a product: who made it, when, and each field's value before and after. */
export const ProductChange = z.object({
  action: z.enum(['created', 'updated', 'listed', 'delisted']),
  actor: z.object({ id: z.string(), displayName: z.string() }),
  at: z.string(),
  changes: z.partialRecord(ProductField, z.object({ from: z.unknown(), to: z.unknown() })),
});
export type ProductChange = z.output<typeof ProductChange>;

export const ProductHistory = z.object({ items: z.array(ProductChange) });
export type ProductHistory = z.output<typeof ProductHistory>;
