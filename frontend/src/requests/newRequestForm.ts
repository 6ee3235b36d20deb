import type { FormRule } from 'antd';
import { CUSTOMER_TYPES_BY_APPLICANT } from '@lcfin/backend/contract';
import type { User } from '../auth/user';
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

/** Where the form starts: the applicant's county, and inside the chosen product's ranges and kind. */
export function initialRequestValues(user: User, product: Product | undefined): NewRequestValues {
  return {
    amount: product?.minAmount ? yuanToWan(product.minAmount) : undefined,
    termMonths: product ? clamp(usualTermMonths, product.minTermMonths, product.maxTermMonths) : usualTermMonths,
    collateral: product?.kind ?? 'credit',
    county: user.county ?? undefined,
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
