import { wanToYuan, yuanToWan } from '../i18n/format';
import type { Product, ProductFields } from '../catalog/product';
import type { ProductInput } from './institutionProducts';

/**
 * The product form's values: named like the API's fields so its 400 details land on the right field,
 * but amounts in 万元 (the API takes yuan).
 */
export type ProductFormValues = ProductFields;

const wanOrNull = (yuan: number | null) => (yuan === null ? null : yuanToWan(yuan));
const yuanOrNull = (wan: number | null | undefined) => (wan === null || wan === undefined ? null : wanToYuan(wan));

export const newProductValues: Partial<ProductFormValues> = {
  kind: 'credit',
  customerTypes: [],
  allCounties: true,
  counties: [],
  allIndustries: true,
  industries: [],
  requiredMaterials: [],
  description: '',
};

export function formValuesOf(product: Product): ProductFormValues {
  return {
    name: product.name,
    kind: product.kind,
    minAmount: wanOrNull(product.minAmount),
    maxAmount: wanOrNull(product.maxAmount),
    minTermMonths: product.minTermMonths,
    maxTermMonths: product.maxTermMonths,
    minRate: product.minRate,
    maxRate: product.maxRate,
    customerTypes: product.customerTypes,
    allCounties: product.allCounties,
    counties: product.counties,
    allIndustries: product.allIndustries,
    industries: product.industries,
    requiredMaterials: product.requiredMaterials,
    description: product.description,
  };
}

export function productInputOf(values: ProductFormValues): ProductInput {
  return {
    name: values.name.trim(),
    kind: values.kind,
    minAmount: yuanOrNull(values.minAmount),
    maxAmount: yuanOrNull(values.maxAmount),
    minTermMonths: values.minTermMonths ?? null,
    maxTermMonths: values.maxTermMonths ?? null,
    minRate: values.minRate ?? null,
    maxRate: values.maxRate ?? null,
    customerTypes: values.customerTypes,
    allCounties: values.allCounties,
    counties: values.allCounties ? [] : values.counties,
    allIndustries: values.allIndustries,
    industries: values.allIndustries ? [] : values.industries,
    requiredMaterials: values.requiredMaterials.map((material) => material.trim()).filter(Boolean),
    description: values.description.trim(),
  };
}
