import { eq, getTableColumns, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';
import { bpToPercent } from '../catalog/rules';
import { products } from '../catalog/schema';
import type { Executor } from '../db/client';
import { institutions } from '../institutions/schema';
import { shanghaiIso } from '../sla-policy/deadlines';
import { deadlinesOf } from './stages';
import type { SlaContext } from '../clock/clock';
import { maskName, maskPurpose } from '../privacy/masking';
import { loanRequests } from './schema';
import type { Deadlines, RequestView } from './views';

const claimedInstitution = alias(institutions, 'claimed_institution');
const productInstitution = alias(institutions, 'product_institution');
const officer = alias(users, 'claimed_officer');

/** A request with the names its views show, in one query. */
export function selectRequestDetails(db: Executor) {
  return db
    .select({
      request: loanRequests,
      productName: products.name,
      productInstitutionName: productInstitution.name,
      claimedInstitutionName: claimedInstitution.name,
      officerName: officer.displayName,
      officerPhone: officer.workPhone,
    })
    .from(loanRequests)
    .leftJoin(products, eq(products.id, loanRequests.productId))
    .leftJoin(productInstitution, eq(productInstitution.id, products.institutionId))
    .leftJoin(claimedInstitution, eq(claimedInstitution.id, loanRequests.claimedInstitutionId))
    .leftJoin(officer, eq(officer.id, loanRequests.claimedOfficerId));
}
export type RequestDetails = Awaited<ReturnType<typeof selectRequestDetails>>[number];

/**
 * The same, as the `RETURNING` list of an update of `loan_requests`: the names as subqueries on
 * the updated row. A change that answers with the request then needs no second read.
 */
export const returningDetails = {
  ...getTableColumns(loanRequests),
  productName: sql<string | null>`(select name from products where id = loan_requests.product_id)`,
  productInstitutionName: sql<string | null>`(select i.name from products p
    join institutions i on i.id = p.institution_id where p.id = loan_requests.product_id)`,
  claimedInstitutionName: sql<string | null>`(select name from institutions
    where id = loan_requests.claimed_institution_id)`,
  officerName: sql<string | null>`(select display_name from users where id = loan_requests.claimed_officer_id)`,
  officerPhone: sql<string | null>`(select work_phone from users where id = loan_requests.claimed_officer_id)`,
};

/** A row returned with `returningDetails`, as `selectRequestDetails` gives it. */
export function detailsOf(row: RequestDetails['request'] & Omit<RequestDetails, 'request'>): RequestDetails {
  const { productName, productInstitutionName, claimedInstitutionName, officerName, officerPhone, ...request } = row;
  return { request, productName, productInstitutionName, claimedInstitutionName, officerName, officerPhone };
}

/**
 * `full` for the applicant, the claiming institution and supervisors in scope;
 * `masked` for officers deciding whether to claim: no contact, name partly hidden, purpose masked.
 */
export function requestView(d: RequestDetails, mode: 'full' | 'masked', deadlines: Deadlines = {}): RequestView {
  const r = d.request;
  const masked = mode === 'masked';
  return {
    id: r.id,
    status: r.status,
    amount: r.amount,
    termMonths: r.termMonths,
    // Free text may hold the applicant's contact details: masked, and cut short, before a claim.
    purpose: masked ? maskPurpose(r.purpose) : r.purpose,
    collateral: r.collateral,
    county: r.county,
    industry: r.industry,
    customerType: r.customerType,
    masked,
    applicant: masked
      ? { name: maskName(r.applicantName), contactName: null, contactPhone: null }
      : { name: r.applicantName, contactName: r.contactName, contactPhone: r.contactPhone },
    product: r.productId ? { id: r.productId, name: d.productName!, institutionName: d.productInstitutionName! } : null,
    poolTier: r.poolTier,
    claimedBy:
      r.claimedInstitutionId && !masked
        ? {
            institution: { id: r.claimedInstitutionId, name: d.claimedInstitutionName! },
            officer: r.claimedOfficerId
              ? { id: r.claimedOfficerId, displayName: d.officerName!, workPhone: d.officerPhone }
              : null,
            at: r.claimedAt!.toISOString(),
          }
        : null,
    approval:
      r.approvedAmount !== null
        ? { amount: r.approvedAmount, annualRate: bpToPercent(r.approvedRateBp), termMonths: r.approvedTermMonths }
        : null,
    rejection: r.rejectionCode ? { code: r.rejectionCode, reason: r.rejectionReason } : null,
    disbursedAmount: r.disbursedAmount,
    valueDate: r.valueDate,
    deadlines: {
      ...deadlines,
      ...(r.exclusiveUntil ? { exclusiveUntil: shanghaiIso(r.exclusiveUntil) } : {}),
    },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Views of several requests, with their deadlines loaded in one query and open stages' clocks as of now. */
export async function presentRequests(
  db: Executor,
  sla: SlaContext,
  details: RequestDetails[],
  modeOf: (d: RequestDetails) => 'full' | 'masked',
): Promise<RequestView[]> {
  const deadlines = await deadlinesOf(
    db,
    sla,
    details.map((d) => d.request.id),
  );
  return details.map((d) => requestView(d, modeOf(d), deadlines.get(d.request.id)));
}
