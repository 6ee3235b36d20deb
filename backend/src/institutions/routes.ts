import type { Authenticator } from '../auth/session';
import { CountyCode, DisplayName, Password, Username } from '../auth/validation';
import type { Database } from '../db/client';
import { PageQuery, pageSchema } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { createOfficer, listOfficers, updateOfficer } from './officers';
import { INSTITUTION_LEVELS, INSTITUTION_TYPES } from './schema';
import {
  createInstitution,
  getInstitution,
  institutionView,
  listInstitutions,
  updateInstitutionProfile,
} from './service';

const InstitutionView = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    type: z.enum(INSTITUTION_TYPES),
    level: z.enum(INSTITUTION_LEVELS),
    parentId: z.string().uuid().nullable(),
    regionCode: z.string(),
    countiesServed: z.array(z.string()),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    address: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Institution');

const OfficerView = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    displayName: z.string(),
    countiesServed: z.array(z.string()),
    status: z.enum(['active', 'disabled']),
  })
  .openapi('Officer');

const Counties = z.array(CountyCode).max(50);
const ContactFields = {
  contactName: z.string().trim().min(1).max(50).nullable().optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,30}$/)
    .nullable()
    .optional(),
  address: z.string().trim().min(1).max(200).nullable().optional(),
};
const ById = z.object({ id: z.string().uuid() });
const ByOfficer = ById.extend({ officerId: z.string().uuid() });

export function institutionRoutes({ db, auth }: { db: Database; auth: Authenticator }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/institutions',
      tag: 'institutions',
      summary: 'Financial institutions on the platform',
      access: 'public',
      query: PageQuery.extend({
        type: z.enum(INSTITUTION_TYPES).optional(),
        region: z
          .string()
          .regex(/^\d{6}$/)
          .optional(),
        q: z.string().trim().min(1).max(50).optional(),
      }),
      response: pageSchema(InstitutionView),
      handler: ({ query }) => listInstitutions(db, query),
    }),
    defineRoute({
      method: 'get',
      path: '/institutions/:id',
      tag: 'institutions',
      summary: 'One institution',
      access: 'public',
      params: ById,
      response: InstitutionView,
      handler: async ({ params }) => institutionView(await getInstitution(db, params.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/institutions',
      tag: 'institutions',
      summary: 'Onboard an institution (platform admin)',
      access: ['admin'],
      errors: ['ALREADY_EXISTS'],
      body: z.object({
        name: z.string().trim().min(2).max(100),
        type: z.enum(INSTITUTION_TYPES),
        level: z.enum(INSTITUTION_LEVELS).default('branch'),
        parentId: z.string().uuid().optional(),
        regionCode: z.string().regex(/^\d{6}$/, 'county.unknown'),
        countiesServed: Counties.default([]),
        ...ContactFields,
      }),
      status: 201,
      response: InstitutionView,
      handler: ({ actor, body }) => createInstitution(db, actor, body),
    }),
    defineRoute({
      method: 'patch',
      path: '/institutions/:id',
      tag: 'institutions',
      summary: "Edit an institution's profile (its admin, or the platform admin)",
      access: ['institution_admin', 'admin'],
      params: ById,
      body: z.object({ ...ContactFields, countiesServed: Counties.optional() }),
      response: InstitutionView,
      handler: ({ actor, params, body }) => updateInstitutionProfile(db, actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/institutions/:id/officers',
      tag: 'institutions',
      summary: "The institution's officers (its admin, or the platform admin)",
      access: ['institution_admin', 'admin'],
      params: ById,
      response: z.object({ items: z.array(OfficerView) }),
      handler: ({ actor, params }) => listOfficers(db, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/institutions/:id/officers',
      tag: 'institutions',
      summary: 'Create an officer account of the institution',
      access: ['institution_admin', 'admin'],
      params: ById,
      errors: ['ALREADY_EXISTS'],
      body: z.object({ username: Username, password: Password, displayName: DisplayName, countiesServed: Counties }),
      status: 201,
      response: OfficerView,
      handler: ({ actor, params, body }) => createOfficer(db, actor, params.id, body),
    }),
    defineRoute({
      method: 'patch',
      path: '/institutions/:id/officers/:officerId',
      tag: 'institutions',
      summary: 'Edit, disable or re-enable an officer; disabling ends its sessions',
      access: ['institution_admin', 'admin'],
      params: ByOfficer,
      body: z.object({
        displayName: DisplayName.optional(),
        countiesServed: Counties.optional(),
        status: z.enum(['active', 'disabled']).optional(),
      }),
      response: OfficerView,
      handler: async ({ actor, params, body }) => {
        const officer = await updateOfficer(db, actor, params.id, params.officerId, body);
        // Its sessions and tokens see the change (disabled, counties moved) at once, in every API process.
        if (body.status === 'disabled') await auth.endAccess(officer.id);
        else await auth.accountChanged(officer.id);
        return officer;
      },
    }),
  ];
}
