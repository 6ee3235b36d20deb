import type { SlaContext } from '../clock/clock';
import type { Database } from '../db/client';
import { PageQuery } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { checkClaim, getClaim, listClaims, payClaim, recordRecovery, reviewClaim, submitClaim } from './claims';
import { ledgerPage } from './ledger';
import { listServicing, reportServicing } from './servicing';
import {
  ClaimDecisionInput,
  ClaimInput,
  ClaimPage,
  ClaimQuery,
  ClaimView,
  LedgerPage,
  PaymentInput,
  RecoveryInput,
  ServicingInput,
  ServicingReportsView,
  ServicingReportView,
} from './views';

const ById = z.object({ id: z.string().uuid() });
const TAG = 'fiscal';

/** After disbursement (issue 17 items 3–4): servicing reports, claims with two-person control, the ledger. */
export function claimRoutes({ db, sla }: { db: Database; sla: SlaContext }): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/loan-requests/:id/servicing',
      tag: TAG,
      summary: 'Report a servicing period of a disbursed loan (the lending institution); a correction supersedes one',
      access: ['officer', 'institution_admin'],
      params: ById,
      body: ServicingInput,
      status: 201,
      errors: ['FORBIDDEN', 'INVALID_STATE'],
      response: ServicingReportView,
      handler: ({ actor, params, body }) => reportServicing(db, sla, actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/loan-requests/:id/servicing',
      tag: TAG,
      summary: "A loan's servicing reports, corrections included, to whoever sees the loan in full",
      access: 'authenticated',
      params: ById,
      response: ServicingReportsView,
      handler: ({ actor, params }) => listServicing(db, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/program-claims',
      tag: TAG,
      summary: 'Claim a subsidy for a reported period (borrower or lending bank) or compensation for a default (bank)',
      access: ['enterprise', 'individual', 'officer', 'institution_admin'],
      body: ClaimInput,
      status: 201,
      errors: ['FORBIDDEN', 'INVALID_STATE'],
      response: ClaimView,
      handler: ({ actor, body }) => submitClaim(db, sla, actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/program-claims',
      tag: TAG,
      summary: "Claims in the caller's reach: a bureau its programs', a bank its loans', a borrower their own",
      access: 'authenticated',
      query: ClaimQuery,
      response: ClaimPage,
      handler: ({ actor, query }) => listClaims(db, actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/program-claims/:id',
      tag: TAG,
      summary: 'One claim with its review, check and payment',
      access: 'authenticated',
      params: ById,
      response: ClaimView,
      handler: ({ actor, params }) => getClaim(db, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/program-claims/:id/review',
      tag: TAG,
      summary: "初审 by the funding region's bureau: submitted → reviewed or rejected",
      access: ['bureau'],
      params: ById,
      body: ClaimDecisionInput,
      errors: ['FORBIDDEN', 'INVALID_STATE'],
      response: ClaimView,
      handler: ({ actor, params, body }) => reviewClaim(db, sla, actor, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/program-claims/:id/check',
      tag: TAG,
      summary: '复核 by another bureau user than the reviewer: reviewed → approved (charged to the budget) or rejected',
      access: ['bureau'],
      params: ById,
      body: ClaimDecisionInput,
      errors: ['FORBIDDEN', 'INVALID_STATE'],
      response: ClaimView,
      handler: ({ actor, params, body }) => checkClaim(db, sla, actor, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/program-claims/:id/pay',
      tag: TAG,
      summary: 'Record the payment of an approved claim (date and voucher number)',
      access: ['bureau'],
      params: ById,
      body: PaymentInput,
      errors: ['FORBIDDEN', 'INVALID_STATE'],
      response: ClaimView,
      handler: ({ actor, params, body }) => payClaim(db, sla, actor, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/program-claims/:id/recoveries',
      tag: TAG,
      summary: "The lending bank's recovery after a paid compensation: the program's share returns to the pool",
      access: ['officer', 'institution_admin'],
      params: ById,
      body: RecoveryInput,
      status: 201,
      errors: ['FORBIDDEN', 'INVALID_STATE'],
      response: ClaimView,
      handler: ({ actor, params, body }) => recordRecovery(db, sla, actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/programs/:id/ledger',
      tag: TAG,
      summary: "Every movement of a program's money: commitments, payments, recoveries (negative)",
      access: ['bureau', 'admin'],
      params: ById,
      query: PageQuery,
      errors: ['FORBIDDEN'],
      response: LedgerPage,
      handler: ({ actor, params, query }) => ledgerPage(db, actor, params.id, query),
    }),
  ];
}
