import type { Authenticator } from '../auth/session';
import type { Database } from '../db/client';
import { PageQuery, pageSchema } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { createOfficer, listOfficers, updateOfficer } from './officers';
import { INSTITUTION_TYPES } from './enums';
import { InstitutionProfile, NewInstitution, NewOfficer, OfficerPatch } from './validation';
import { InstitutionView, Officers, OfficerView } from './views';
import {
  createInstitution,
  getInstitution,
  institutionView,
  listInstitutions,
  updateInstitutionProfile,
} from './service';

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
      body: NewInstitution,
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
      body: InstitutionProfile,
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
      response: Officers,
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
      body: NewOfficer,
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
      body: OfficerPatch,
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
