import { bpToPercent } from './rules';
import type { products } from './schema';
import type { ProductView } from './views';

type ProductRow = typeof products.$inferSelect;
type InstitutionRef = ProductView['institution'];

/** A product row as the API shows it (`ProductView`), with its institution. */
export function productView(row: ProductRow, institution: InstitutionRef): ProductView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    status: row.status,
    institution,
    minAmount: row.minAmount,
    maxAmount: row.maxAmount,
    minTermMonths: row.minTermMonths,
    maxTermMonths: row.maxTermMonths,
    minRate: bpToPercent(row.minRateBp),
    maxRate: bpToPercent(row.maxRateBp),
    customerTypes: row.customerTypes,
    allCounties: row.allCounties,
    counties: row.counties,
    allIndustries: row.allIndustries,
    industries: row.industries,
    requiredMaterials: row.requiredMaterials,
    description: row.description,
    requestCount: row.requestCount,
    listedAt: row.listedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
