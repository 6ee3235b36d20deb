import { CountyCode, Industry, Phone } from '../auth/validation';
import { CUSTOMER_TYPES, PRODUCT_KINDS } from '../catalog/enums';
import { annualRate, Yuan } from '../catalog/validation';
import { FORMATS } from '../http/formats';
import { multiline } from '../http/text';
import { z } from '../http/zod';
import { REQUEST_STATUSES } from '../lifecycle/state-machine';
import { DUE_FILTERS, REJECTION_CODES } from './enums';

export const NewLoanRequest = z.object({
  amount: Yuan,
  termMonths: z.number().int().min(1).max(360),
  purpose: multiline(z.string().trim().min(2).max(200)),
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
/** What a client sends (`POST /loan-requests`). */
export type NewLoanRequestBody = z.input<typeof NewLoanRequest>;

/** One officer stage step; the fields each target needs are checked by the service. */
export const Transition = z.object({
  to: z.enum(['contacted', 'investigated', 'approved', 'rejected', 'disbursed']),
  note: multiline(z.string().trim().max(500)).optional(),
  visitDate: z.iso.date().optional().openapi({
    description: 'contacted / investigated (required): the day the officer met the applicant (Asia/Shanghai)',
  }),
  approvedAmount: Yuan.optional(),
  annualRate: annualRate(24).optional(),
  termMonths: z.number().int().min(1).max(360).optional(),
  reasonCode: z.enum(REJECTION_CODES).optional(),
  reason: multiline(z.string().trim().min(2).max(500)).optional(),
  disbursedAmount: Yuan.optional(),
  valueDate: z.iso.date().optional().openapi({
    description: "disbursed: the loan's value date (起息日), no later than today; by default today (Asia/Shanghai)",
  }),
});
export type TransitionInput = z.output<typeof Transition>;
/** What a client sends (`POST /loan-requests/:id/transition`). */
export type TransitionBody = z.input<typeof Transition>;

/** 派单: the institution a bureau gives an open request to. */
export const Assignment = z.object({ institutionId: z.string().uuid() });
export type AssignmentBody = z.input<typeof Assignment>;

/** 转派: the officer of the claiming institution who takes the request over, and why. */
export const Handover = z.object({
  officerId: z.string().uuid(),
  reason: multiline(z.string().trim().min(2).max(200)),
});
export type HandoverBody = z.input<typeof Handover>;

export const IdempotencyKey = z.string().trim().min(1).max(100);

/**
 * What a list of requests (`GET /loan-requests`) and its export are filtered by; every filter is
 * within the caller's scope. The period is the day each request was submitted, in Asia/Shanghai.
 */
export const RequestFilters = z.object({
  status: z.enum(REQUEST_STATUSES).optional(),
  due: z
    .enum(DUE_FILTERS)
    .optional()
    .openapi({ description: 'Open stage past its reminder point (soon) or past its due time (overdue)' }),
  q: z.string().trim().min(1).max(50).optional().openapi({
    description: "Finds the words in the purpose, the applicant's or contact's name or the product's name",
  }),
  county: CountyCode.optional(),
  from: z.iso.date().optional().openapi({ description: 'Submitted on or after this day (Asia/Shanghai)' }),
  to: z.iso.date().optional().openapi({ description: 'Submitted on or before this day (Asia/Shanghai)' }),
});
export type RequestFiltersInput = z.output<typeof RequestFilters>;
/** The filters as a client sends them (query string of `GET /loan-requests` and its export). */
export type RequestFiltersQuery = z.input<typeof RequestFilters>;

/** `GET /loan-requests/export`: the same filters and the file format. */
export const RequestExportQuery = RequestFilters.extend({ format: z.enum(FORMATS) });
