import type { Authenticator } from '../auth/session';
import type { Database } from '../db/client';
import { PageQuery, pageSchema } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { createOfficer, listOfficers, updateOfficer } from './officers';
import { INSTITUTION_STATUSES, INSTITUTION_TYPES } from './enums';
import { InstitutionProfile, NewInstitution, NewOfficer, OfficerPatch, Suspension } from './validation';
import { InstitutionView, Officers, OfficerView } from './views';
import {
  createInstitution,
  getInstitution,
  institutionView,
  listInstitutions,
  setInstitutionStatus,
  updateInstitutionProfile,
} from './service';

const ById = z.object({ id: z.string().uuid() });
const ByOfficer = ById.extend({ officerId: z.string().uuid() });

/** Told when an institution's products enter or leave the catalog (suspension), so it is read afresh. */
interface CatalogCache {
  invalidate(): void;
}

export function institutionRoutes({
  db,
  auth,
  catalog,
}: {
  db: Database;
  auth: Authenticator;
  catalog: CatalogCache;
}): RouteDef[] {
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
        /** Platform admin only: the others see active institutions alone. */
        status: z.enum(INSTITUTION_STATUSES).optional(),
      }),
      response: pageSchema(InstitutionView),
      handler: ({ actor, query }) => listInstitutions(db, actor, query),
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
      summary: 'Onboard an institution, and its first admin in the same transaction (platform admin)',
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
      method: 'post',
      path: '/institutions/:id/suspend',
      tag: 'institutions',
      summary: 'Suspend an institution: its products leave the catalog, its officers cannot claim (platform admin)',
      access: ['admin'],
      params: ById,
      body: Suspension,
      response: InstitutionView,
      handler: ({ actor, params, body }) =>
        setInstitutionStatus(db, actor, params.id, 'suspended', body.reason).finally(() => catalog.invalidate()),
    }),
    defineRoute({
      method: 'post',
      path: '/institutions/:id/reinstate',
      tag: 'institutions',
      summary: 'Reinstate a suspended institution: its listed products return to the catalog (platform admin)',
      access: ['admin'],
      params: ById,
      response: InstitutionView,
      handler: ({ actor, params }) =>
        setInstitutionStatus(db, actor, params.id, 'active').finally(() => catalog.invalidate()),
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
