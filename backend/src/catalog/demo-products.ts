import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { institutions } from '../institutions/schema';
import { percentToBp } from './rules';
import { products, type CustomerType, type ProductKind } from './schema';
import { searchTextOf } from './search';

interface DemoProduct {
  institution: string;
  name: string;
  kind: ProductKind;
  amount: [number, number];
  termMonths: [number, number];
  rate: [number, number];
  customerTypes: CustomerType[];
  counties?: string[];
  industries?: string[];
  requiredMaterials: string[];
  description: string;
}

/**
 * A small, realistic catalog for `npm start` (the seed script loads the city's full scale).
 * Both demo banks list a credit product for enterprises of any industry in every county,
 * 100,000–1,000,000 yuan over 6–36 months, as the API contract promises.
 */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    institution: '聊城农商银行',
    name: '水城快贷',
    kind: 'credit',
    amount: [100_000, 1_000_000],
    termMonths: [6, 36],
    rate: [3.85, 6.5],
    customerTypes: ['enterprise', 'sole_trader'],
    requiredMaterials: ['营业执照', '法定代表人身份证', '近一年纳税证明'],
    description: '面向全市小微企业的线上信用贷款，凭纳税和经营数据授信，随借随还，最快当天放款。',
  },
  {
    institution: '聊城农商银行',
    name: '幸福e贷',
    kind: 'credit',
    amount: [10_000, 300_000],
    termMonths: [3, 36],
    rate: [4.35, 7.2],
    customerTypes: ['individual', 'sole_trader', 'farmer'],
    requiredMaterials: ['身份证', '收入证明或经营流水'],
    description: '面向城乡居民和个体工商户的消费与经营信用贷款，手机银行在线申请。',
  },
  {
    institution: '齐鲁银行聊城分行',
    name: '齐鲁科创快贷',
    kind: 'credit',
    amount: [100_000, 1_000_000],
    termMonths: [6, 36],
    rate: [3.95, 6.2],
    customerTypes: ['enterprise'],
    requiredMaterials: ['营业执照', '近两年财务报表', '纳税证明'],
    description: '服务全市科技型、成长型小微企业的信用贷款，额度循环使用。',
  },
  {
    institution: '莱商银行聊城分行',
    name: '莱e贷',
    kind: 'credit',
    amount: [50_000, 2_000_000],
    termMonths: [3, 24],
    rate: [4.2, 6.8],
    customerTypes: ['enterprise', 'sole_trader'],
    requiredMaterials: ['营业执照', '经营流水'],
    description: '线上申请、自动审批的小微企业流动资金贷款。',
  },
  {
    institution: '中国农业银行聊城分行',
    name: '惠农e贷',
    kind: 'credit',
    amount: [10_000, 500_000],
    termMonths: [12, 36],
    rate: [3.9, 5.5],
    customerTypes: ['farmer'],
    industries: ['A'],
    requiredMaterials: ['身份证', '土地承包或养殖证明'],
    description: '支持种养殖大户、家庭农场扩大生产的线上信用贷款。',
  },
  {
    institution: '冠县农商银行',
    name: '创业担保贷款',
    kind: 'guarantee',
    amount: [50_000, 300_000],
    termMonths: [12, 36],
    rate: [3.45, 3.85],
    customerTypes: ['individual', 'sole_trader'],
    counties: ['371525'],
    requiredMaterials: ['身份证', '创业项目说明', '就业创业证或营业执照'],
    description: '政府性融资担保、财政贴息的创业担保贷款，支持高校毕业生、返乡创业人员等重点群体创业。',
  },
  {
    institution: '中国建设银行聊城分行',
    name: '抵押快贷',
    kind: 'mortgage',
    amount: [500_000, 10_000_000],
    termMonths: [12, 120],
    rate: [3.6, 5.2],
    customerTypes: ['enterprise', 'sole_trader'],
    requiredMaterials: ['营业执照', '不动产权证书', '近一年财务报表'],
    description: '以房产、土地等不动产抵押的经营性贷款，额度高、期限长。',
  },
  {
    institution: '齐鲁银行聊城分行',
    name: '仓单质押贷',
    kind: 'pledge',
    amount: [1_000_000, 20_000_000],
    termMonths: [3, 12],
    rate: [4.0, 6.0],
    customerTypes: ['enterprise'],
    counties: ['371502', '371581'],
    industries: ['C', 'F'],
    requiredMaterials: ['营业执照', '仓单', '购销合同'],
    description: '以标准仓单、存货质押的短期流动资金贷款，适合制造和商贸企业。',
  },
];

/** A demo product as product columns (rates in basis points, "whole city" and "any industry" as flags). */
export function demoProductColumns(p: DemoProduct) {
  return {
    name: p.name,
    kind: p.kind,
    minAmount: p.amount[0],
    maxAmount: p.amount[1],
    minTermMonths: p.termMonths[0],
    maxTermMonths: p.termMonths[1],
    minRateBp: percentToBp(p.rate[0]),
    maxRateBp: percentToBp(p.rate[1]),
    customerTypes: [...p.customerTypes],
    allCounties: !p.counties,
    counties: p.counties ? [...p.counties] : [],
    allIndustries: !p.industries,
    industries: p.industries ? [...p.industries] : [],
    requiredMaterials: [...p.requiredMaterials],
    description: p.description,
  };
}

export async function loadDemoProducts(tx: Tx): Promise<void> {
  for (const p of DEMO_PRODUCTS) {
    const [institution] = await tx.select().from(institutions).where(eq(institutions.name, p.institution));
    const [existing] = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.institutionId, institution!.id), eq(products.name, p.name)));
    // A seeded database already holds the demo catalog: never list a product twice.
    if (existing) continue;
    await tx.insert(products).values({
      institutionId: institution!.id,
      ...demoProductColumns(p),
      status: 'listed',
      listedAt: new Date(),
      searchText: searchTextOf(p, institution!.name),
    });
  }
}
