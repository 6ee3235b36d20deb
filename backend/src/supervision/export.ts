import type { Language } from '../http/messages';
import { rate, rateChange, time, yuan, type Cell, type Table } from '../http/spreadsheet';
import { SLA_STAGES } from '../lifecycle/state-machine';
import type { BreachView, listBreaches } from './breaches';
import type { slaCompliance } from './compliance';
import type { BreachEnding, UrgeState } from './enums';
import type { overview } from './overview';

/**
 * The bureau's reports as files: each report is one table — the same figures the API answers —
 * written as CSV (UTF-8 with a BOM, so Excel shows Chinese) or as an XLSX sheet.
 */

const WORDS = {
  overview: { 'zh-CN': '监管总览', en: 'Overview' },
  sla: { 'zh-CN': '321时效', en: 'SLA compliance' },
  breaches: { 'zh-CN': '超时清单', en: 'Breaches' },
  figure: { 'zh-CN': '指标', en: 'Figure' },
  current: { 'zh-CN': '本期', en: 'This period' },
  previous: { 'zh-CN': '上期', en: 'Previous period' },
  change: { 'zh-CN': '变化', en: 'Change' },
  all: { 'zh-CN': '合计', en: 'Total' },
  groupName: { 'zh-CN': '名称', en: 'Name' },
  stage: { 'zh-CN': '环节', en: 'Stage' },
  completed: { 'zh-CN': '完成数', en: 'Completed' },
  onTime: { 'zh-CN': '按时数', en: 'On time' },
  onTimeRate: { 'zh-CN': '按时率', en: 'On-time rate' },
  medianWorkingMinutes: { 'zh-CN': '用时中位数（工作分钟）', en: 'Median (working minutes)' },
  p90WorkingMinutes: { 'zh-CN': '用时P90（工作分钟）', en: 'P90 (working minutes)' },
  breachCount: { 'zh-CN': '超时数', en: 'Breaches' },
  status: { 'zh-CN': '状态', en: 'Status' },
  dueAt: { 'zh-CN': '时限', en: 'Due' },
  breachedAt: { 'zh-CN': '超时记录时间', en: 'Breach recorded' },
  completedAt: { 'zh-CN': '完成时间', en: 'Completed at' },
  county: { 'zh-CN': '区县', en: 'County' },
  amount: { 'zh-CN': '金额（元）', en: 'Amount (yuan)' },
  institution: { 'zh-CN': '机构', en: 'Institution' },
  urge: { 'zh-CN': '督办', en: 'Urge' },
  attempt: { 'zh-CN': '轮次', en: 'Round' },
  applicant: { 'zh-CN': '申请人', en: 'Applicant' },
  claimedBy: { 'zh-CN': '现承接机构', en: 'Now held by' },
} as const satisfies Record<string, Record<Language, string>>;

const FIGURES = {
  institutions: { 'zh-CN': '入驻金融机构', en: 'Institutions onboarded' },
  listedProducts: { 'zh-CN': '上架金融产品', en: 'Products listed' },
  individuals: { 'zh-CN': '个人用户', en: 'Individual users' },
  enterprises: { 'zh-CN': '企业用户', en: 'Enterprises' },
  requests: { 'zh-CN': '提交需求', en: 'Requests submitted' },
  requestedAmount: { 'zh-CN': '需求金额（元）', en: 'Amount requested (yuan)' },
  claimed: { 'zh-CN': '接单', en: 'Claimed' },
  claimedWithinWindow: { 'zh-CN': '时限内接单', en: 'Claimed within the respond window' },
  assigned: { 'zh-CN': '派单', en: 'Assigned by the bureau' },
  approved: { 'zh-CN': '审批通过', en: 'Approved' },
  approvedAmount: { 'zh-CN': '审批金额（元）', en: 'Amount approved (yuan)' },
  rejected: { 'zh-CN': '未通过', en: 'Rejected' },
  cancelled: { 'zh-CN': '撤销', en: 'Cancelled' },
  reopened: { 'zh-CN': '重新发布', en: 'Re-opened' },
  escalated: { 'zh-CN': '升级至全市', en: 'Escalated city-wide' },
  disbursed: { 'zh-CN': '放款笔数', en: 'Loans disbursed' },
  disbursedAmount: { 'zh-CN': '撮合放款金额（元）', en: 'Amount disbursed (yuan)' },
  borrowers: { 'zh-CN': '获贷户数', en: 'Borrowers' },
} as const satisfies Record<string, Record<Language, string>>;

const RATES = {
  claimRate: { 'zh-CN': '接单率', en: 'Claim rate' },
  claimedWithinWindowRate: { 'zh-CN': '时限内接单率', en: 'Claimed within the window' },
  obtainedRate: { 'zh-CN': '获得率', en: 'Obtained rate' },
  averageWorkingDaysToDisburse: { 'zh-CN': '平均放款用时（工作日）', en: 'Average working days to disburse' },
  averageDisbursedPerBorrower: { 'zh-CN': '户均放款（元）', en: 'Average disbursed per borrower (yuan)' },
} as const satisfies Record<string, Record<Language, string>>;

const STAGE_WORDS = {
  respond: { 'zh-CN': '响应', en: 'Respond' },
  contact: { 'zh-CN': '对接与调查', en: 'Contact & investigate' },
  decide: { 'zh-CN': '审批反馈', en: 'Decide' },
} as const satisfies Record<string, Record<Language, string>>;

const ENDINGS = {
  open: { 'zh-CN': '超时未办', en: 'Overdue, still open' },
  escalated: { 'zh-CN': '超时升级全市', en: 'Overdue, escalated city-wide' },
  claimed: { 'zh-CN': '超时后抢单', en: 'Claimed late' },
  completed: { 'zh-CN': '超时后办结', en: 'Completed late' },
  cancelled: { 'zh-CN': '需求已撤销', en: 'Request withdrawn' },
  expired: { 'zh-CN': '无人承接，已过期', en: 'Expired, nobody took it' },
} as const satisfies Record<BreachEnding, Record<Language, string>>;

const URGE_WORDS = {
  none: { 'zh-CN': '未督办', en: 'Not urged' },
  open: { 'zh-CN': '待确认', en: 'Awaiting acknowledgement' },
  acknowledged: { 'zh-CN': '已确认', en: 'Acknowledged' },
  resolved: { 'zh-CN': '已解决', en: 'Resolved' },
} as const satisfies Record<UrgeState | 'none', Record<Language, string>>;

/** The figures in yuan, and the rates, among the overview's. */
const YUAN_FIGURES = new Set<string>(['requestedAmount', 'approvedAmount', 'disbursedAmount']);
const SHARES = new Set<string>(['claimRate', 'claimedWithinWindowRate', 'obtainedRate']);

type Overview = Awaited<ReturnType<typeof overview>>;
type Compliance = Awaited<ReturnType<typeof slaCompliance>>;
type Breaches = Awaited<ReturnType<typeof listBreaches>>;

/** One row per figure and rate: this period, the previous one, the change, then each county. */
export function overviewTable(o: Overview, lang: Language): Table {
  const figureRows = (Object.keys(FIGURES) as (keyof typeof FIGURES)[]).map((key): Cell[] => {
    const cell = YUAN_FIGURES.has(key) ? yuan : (value: number | null) => value;
    return [
      FIGURES[key][lang],
      cell(o[key]),
      cell(o.previous?.[key] ?? null),
      cell(o.change?.[key] ?? null),
      ...o.byCounty.map((c) => cell(c[key])),
    ];
  });
  const rateRows = (Object.keys(RATES) as (keyof typeof RATES)[]).map((key): Cell[] => {
    const share = SHARES.has(key);
    const cell = share ? rate : key === 'averageDisbursedPerBorrower' ? yuan : (value: number | null) => value;
    return [
      RATES[key][lang],
      cell(o.rates[key]),
      cell(o.previous?.rates[key] ?? null),
      (share ? rateChange : cell)(o.change?.rates[key] ?? null),
      ...o.byCounty.map((c) => cell(c.rates[key])),
    ];
  });
  return {
    title: `${WORDS.overview[lang]} ${o.regionName}`,
    header: [
      WORDS.figure[lang],
      WORDS.current[lang],
      WORDS.previous[lang],
      WORDS.change[lang],
      ...o.byCounty.map((c) => c.name),
    ],
    rows: [...figureRows, ...rateRows],
  };
}

/** One row per group (a county or an institution, by name) and stage, the totals first. */
export function slaTable(s: Compliance, lang: Language): Table {
  const groups = [{ name: WORDS.all[lang], stages: s.stages }, ...s.groups];
  return {
    title: `${WORDS.sla[lang]} ${s.regionName}`,
    header: [
      WORDS.groupName[lang],
      WORDS.stage[lang],
      WORDS.completed[lang],
      WORDS.onTime[lang],
      WORDS.onTimeRate[lang],
      WORDS.medianWorkingMinutes[lang],
      WORDS.p90WorkingMinutes[lang],
      WORDS.breachCount[lang],
    ],
    rows: groups.flatMap((g) =>
      SLA_STAGES.map((stage): Cell[] => {
        const f = g.stages[stage];
        return [
          g.name,
          STAGE_WORDS[stage][lang],
          f.completed,
          f.onTime,
          rate(f.onTimeRate),
          f.medianWorkingMinutes,
          f.p90WorkingMinutes,
          f.breaches,
        ];
      }),
    ),
  };
}

/** One row per breach, by names (applicant, county, institutions) and in words; times in `timeZone`. */
export function breachesTable(b: Breaches, lang: Language, timeZone: string): Table {
  const at = (word: Record<Language, string>) => `${word[lang]}（${timeZone}）`;
  return {
    title: WORDS.breaches[lang],
    header: [
      WORDS.stage[lang],
      WORDS.attempt[lang],
      WORDS.status[lang],
      at(WORDS.dueAt),
      at(WORDS.breachedAt),
      at(WORDS.completedAt),
      WORDS.applicant[lang],
      WORDS.county[lang],
      WORDS.amount[lang],
      WORDS.institution[lang],
      WORDS.claimedBy[lang],
      WORDS.urge[lang],
    ],
    rows: b.items.map((i: BreachView): Cell[] => [
      STAGE_WORDS[i.stage][lang],
      i.attempt,
      ENDINGS[i.ending][lang],
      time(i.dueAt),
      time(i.breachedAt),
      time(i.completedAt),
      i.request.applicantName,
      i.request.countyName,
      yuan(i.request.amount),
      i.institution?.name ?? null,
      i.request.claimedBy?.name ?? null,
      URGE_WORDS[i.urge?.state ?? 'none'][lang],
    ]),
  };
}
