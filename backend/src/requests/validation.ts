import { CountyCode, Industry, Phone } from '../auth/validation';
import { CUSTOMER_TYPES, PRODUCT_KINDS } from '../catalog/schema';
import { z } from '../http/zod';
import { REJECTION_CODES } from './schema';

export const NewLoanRequest = z.object({
  amount: z.number().int().positive().max(1_000_000_000).openapi({ description: 'integer yuan' }),
  termMonths: z.number().int().min(1).max(360),
  purpose: z.string().trim().min(2).max(200),
  collateral: z.enum(PRODUCT_KINDS),
  county: CountyCode,
  industry: Industry,
  productId: z
    .string()
    .uuid()
    .optional()
    .openapi({ description: 'a directed order: the product chosen in the catalog' }),
  customerType: z.enum(CUSTOMER_TYPES).optional().openapi({ description: "defaults from the applicant's account" }),
  contactName: z.string().trim().min(1).max(50).optional(),
  contactPhone: Phone.optional(),
});
export type NewLoanRequestInput = z.output<typeof NewLoanRequest>;

const Yuan = z.number().int().positive().max(1_000_000_000);

/** One officer stage step; the fields each target needs are checked by the service. */
export const Transition = z.object({
  to: z.enum(['contacted', 'investigated', 'approved', 'rejected', 'disbursed']),
  note: z.string().trim().max(500).optional(),
  approvedAmount: Yuan.optional(),
  annualRate: z
    .number()
    .positive()
    .max(24)
    .refine((r) => Math.abs(r * 100 - Math.round(r * 100)) < 1e-9, 'rate.precision')
    .optional(),
  termMonths: z.number().int().min(1).max(360).optional(),
  reasonCode: z.enum(REJECTION_CODES).optional(),
  reason: z.string().trim().min(2).max(500).optional(),
  disbursedAmount: Yuan.optional(),
});
export type TransitionInput = z.output<typeof Transition>;

export const IdempotencyKey = z.string().trim().min(1).max(100);
