import type { Language } from '../http/messages';
import type { Table } from '../http/spreadsheet';
import type { RequestStatus } from '../lifecycle/state-machine';
import { shanghaiIso } from '../sla-policy/deadlines';
import type { RequestDetails } from './details';

/**
 * An officer's orders or an institution's pipeline as a file: one row per request, as the claiming
 * institution sees it (in full: it is theirs). The applicant's phone is left out — the file leaves
 * the platform, and the request's page has it.
 */

const WORDS = {
  title: { 'zh-CN': '订单', en: 'Orders' },
  id: { 'zh-CN': '编号', en: 'ID' },
  createdAt: { 'zh-CN': '提交时间', en: 'Submitted' },
  status: { 'zh-CN': '状态', en: 'Status' },
  applicant: { 'zh-CN': '申请人', en: 'Applicant' },
  contactName: { 'zh-CN': '联系人', en: 'Contact' },
  county: { 'zh-CN': '区县', en: 'County' },
  industry: { 'zh-CN': '行业代码', en: 'Industry code' },
  amount: { 'zh-CN': '申请金额（元）', en: 'Amount (yuan)' },
  termMonths: { 'zh-CN': '期限（月）', en: 'Term (months)' },
  purpose: { 'zh-CN': '用途', en: 'Purpose' },
  product: { 'zh-CN': '产品', en: 'Product' },
  officer: { 'zh-CN': '客户经理', en: 'Officer' },
  claimedAt: { 'zh-CN': '接单时间', en: 'Claimed' },
  approvedAmount: { 'zh-CN': '批准金额（元）', en: 'Approved (yuan)' },
  annualRate: { 'zh-CN': '年利率（%）', en: 'Annual rate (%)' },
  disbursedAmount: { 'zh-CN': '放款金额（元）', en: 'Disbursed (yuan)' },
} as const satisfies Record<string, Record<Language, string>>;

const STATUS_WORDS = {
  submitted: { 'zh-CN': '已提交', en: 'Submitted' },
  open: { 'zh-CN': '待抢单', en: 'In the pool' },
  claimed: { 'zh-CN': '已抢单', en: 'Claimed' },
  contacted: { 'zh-CN': '已联系', en: 'Contacted' },
  investigated: { 'zh-CN': '已调查', en: 'Investigated' },
  approved: { 'zh-CN': '已审批', en: 'Approved' },
  rejected: { 'zh-CN': '已拒绝', en: 'Rejected' },
  disbursed: { 'zh-CN': '已放款', en: 'Disbursed' },
  cancelled: { 'zh-CN': '已撤销', en: 'Cancelled' },
  expired: { 'zh-CN': '已过期', en: 'Expired' },
} as const satisfies Record<RequestStatus, Record<Language, string>>;

const COLUMNS = [
  'id',
  'createdAt',
  'status',
  'applicant',
  'contactName',
  'county',
  'industry',
  'amount',
  'termMonths',
  'purpose',
  'product',
  'officer',
  'claimedAt',
  'approvedAmount',
  'annualRate',
  'disbursedAmount',
] as const satisfies readonly (keyof typeof WORDS)[];

/** `countyName` names a county code in the reader's language. */
export function requestsTable(rows: RequestDetails[], countyName: (code: string) => string, lang: Language): Table {
  return {
    title: WORDS.title[lang],
    header: COLUMNS.map((column) => WORDS[column][lang]),
    rows: rows.map(({ request: r, productName, officerName }) => [
      r.id,
      shanghaiIso(r.createdAt),
      STATUS_WORDS[r.status][lang],
      r.applicantName,
      r.contactName,
      countyName(r.county),
      r.industry,
      r.amount,
      r.termMonths,
      r.purpose,
      productName,
      officerName,
      r.claimedAt && shanghaiIso(r.claimedAt),
      r.approvedAmount,
      r.approvedRateBp === null ? null : r.approvedRateBp / 100,
      r.disbursedAmount,
    ]),
  };
}
