import { ACCOUNT_STATUSES } from '../access/roles';
import { z } from '../http/zod';
import { INSTITUTION_LEVELS, INSTITUTION_STATUSES, INSTITUTION_TYPES } from './enums';

/**
 * Institutions and their officers as the API shows them: the one definition the routes answer
 * with, the OpenAPI document describes and the web app reads (through contract.ts). Pure (zod only).
 */

export const InstitutionView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    type: z.enum(INSTITUTION_TYPES),
    level: z.enum(INSTITUTION_LEVELS),
    parentId: z.string().uuid().nullable(),
    regionCode: z.string(),
    /** County codes it serves; its products and officers serve within these. */
    countiesServed: z.array(z.string()),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    address: z.string().nullable(),
    /** A suspended institution's products are out of the catalog and its officers cannot claim. */
    status: z.enum(INSTITUTION_STATUSES),
    createdAt: z.string(),
  })
  .openapi('Institution');
export type InstitutionView = z.output<typeof InstitutionView>;

/** A customer manager (客户经理) of an institution. */
export const OfficerView = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    displayName: z.string(),
    countiesServed: z.array(z.string()),
    workPhone: z.string().nullable(),
    status: z.enum(ACCOUNT_STATUSES),
  })
  .openapi('Officer');
export type OfficerView = z.output<typeof OfficerView>;

export const Officers = z.object({ items: z.array(OfficerView) });
export type Officers = z.output<typeof Officers>;
