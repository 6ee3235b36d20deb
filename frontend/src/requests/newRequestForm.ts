import type { FormRule } from 'antd';
import { CUSTOMER_TYPES_BY_APPLICANT, type LoanFacts } from '@lcfin/backend/contract';
import type { User } from '../auth/user';
import { readCatalogQuery, type CatalogFilters } from '../catalog/catalogQuery';
import type { CustomerType, Product, ProductKind } from '../catalog/product';
import { wanToYuan, yuanToWan } from '../i18n/format';
import type { NewLoanRequest } from './loanRequest';

/** The request form's values: named like the API's fields so 400 details land on them, the amount in 万元. */
export interface NewRequestValues {
  amount?: number;
  termMonths?: number;
  purpose?: string;
  collateral: ProductKind;
  county?: string;
  industry?: string;
  customerType?: CustomerType;
  contactName?: string;
  contactPhone?: string;
}

/** The customer types the applicant may choose here: theirs, narrowed to the chosen product's when any fit. */
export function customerTypeChoices(user: User, product: Product | undefined): readonly CustomerType[] {
  const own: readonly CustomerType[] =
    CUSTOMER_TYPES_BY_APPLICANT[user.role as keyof typeof CUSTOMER_TYPES_BY_APPLICANT] ?? [];
  const served = own.filter((type) => !product || product.customerTypes.includes(type));
  return served.length ? served : own;
}

const usualTermMonths = 12;

function clamp(value: number, min: number | null, max: number | null): number {
  return Math.min(max ?? value, Math.max(min ?? value, value));
}

/** What the applicant already said in the catalog's filters, carried to the form in its address. */
export type RequestWish = Pick<CatalogFilters, 'amount' | 'termMonths' | 'county'>;

/** The wish in an address's query (the catalog's parameters: the amount in integer yuan). */
export function readWish(params: URLSearchParams): RequestWish {
  const { amount, termMonths, county } = readCatalogQuery(params);
  return { amount, termMonths, county };
}

/** The request form's address: with the chosen product, if any, and what the applicant asked for. */
export function requestFormPath(productId: string | undefined, wish: RequestWish): string {
  const params = new URLSearchParams();
  if (productId) params.set('productId', productId);
  const { amount, termMonths, county } = wish;
  for (const [key, value] of Object.entries({ amount, termMonths, county })) {
    if (value !== undefined) params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/my/requests/new?${query}` : '/my/requests/new';
}

/**
 * Where the form starts: what the applicant asked for in the catalog, else inside the chosen
 * product's ranges; their county and industry unless they filtered for another county; the product's kind.
 */
export function initialRequestValues(
  user: User,
  product: Product | undefined,
  wish: RequestWish = {},
): NewRequestValues {
  const productAmount = product?.minAmount ? yuanToWan(product.minAmount) : undefined;
  const productTerm = product ? clamp(usualTermMonths, product.minTermMonths, product.maxTermMonths) : usualTermMonths;
  return {
    amount: wish.amount ? yuanToWan(wish.amount) : productAmount,
    termMonths: wish.termMonths ?? productTerm,
    collateral: product?.kind ?? 'credit',
    county: wish.county ?? user.county ?? undefined,
    industry: user.industry ?? undefined,
    customerType: customerTypeChoices(user, product)[0],
  };
}

/** A form rule: the value, in the API's unit once `toApi` converted it, lies inside the product's range. */
export function withinRange(
  min: number | null,
  max: number | null,
  toApi: (value: number) => number,
  message: string,
): FormRule {
  return {
    validator: (_, value: number | null | undefined) => {
      const inside =
        value === null ||
        value === undefined ||
        ((min === null || toApi(value) >= min) && (max === null || toApi(value) <= max));
      return inside ? Promise.resolve() : Promise.reject(new Error(message));
    },
  };
}

export function requestInputOf(values: NewRequestValues, productId: string | undefined): NewLoanRequest {
  return {
    amount: wanToYuan(values.amount ?? 0),
    termMonths: values.termMonths ?? 0,
    purpose: values.purpose?.trim() ?? '',
    collateral: values.collateral,
    county: values.county ?? '',
    industry: values.industry ?? '',
    productId,
    customerType: values.customerType,
    contactName: values.contactName?.trim() || undefined,
    contactPhone: values.contactPhone?.trim() || undefined,
  };
}

/** A fresh Idempotency-Key; works on plain http too, where crypto.randomUUID is missing. */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The loan the form describes, as a program's eligibility rule sees it (the product's kind, else the
 * collateral chosen); null until amount, term, county and industry are filled in.
 */
export function plannedLoanOf(
  values: Partial<NewRequestValues>,
  user: User,
  product: Product | undefined,
): Omit<LoanFacts, 'firstLoan'> | null {
  const customerType = values.customerType ?? customerTypeChoices(user, product)[0];
  if (!values.amount || !values.termMonths || !values.county || !values.industry || !customerType) return null;
  return {
    customerType,
    industry: values.industry,
    county: values.county,
    productKind: product?.kind ?? values.collateral ?? 'credit',
    productId: product?.id ?? null,
    institutionId: product?.institution.id ?? null,
    amount: wanToYuan(values.amount),
    termMonths: values.termMonths,
  };
}
