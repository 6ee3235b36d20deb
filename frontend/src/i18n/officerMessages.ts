/** What bank staff work with beyond the basics: the lists' search and filters, the pool's purpose, visit and value dates. */
const zhCN = {
  'officerList.search': '搜索用途、申请人或产品',
  'officerList.county': '区县',
  'officerList.allCounties': '全部区县',
  'officerList.period': '提交日期',
  'officerList.noMatch': '没有符合条件的订单',
  'pool.purposeProduct': '用途 · 意向产品',
  'pool.noProduct': '未指定产品',
  'pool.purposeMasked': '联系方式等数字已隐去，抢单后可见全文',
  'stage.visitDate': '走访日期',
  'stage.valueDate': '起息日',
  'stage.valueDateHint': '贷款开始计息的日期，政策贴息从这天起算',
  'timeline.visitDate': '走访日期 {date}',
};

export const officerZhCN = zhCN;

export const officerEn: Record<keyof typeof zhCN, string> = {
  'officerList.search': 'Search purpose, applicant or product',
  'officerList.county': 'County',
  'officerList.allCounties': 'All counties',
  'officerList.period': 'Submitted',
  'officerList.noMatch': 'No orders match these filters',
  'pool.purposeProduct': 'Purpose · product',
  'pool.noProduct': 'No product chosen',
  'pool.purposeMasked': 'Numbers such as contact details are hidden until you claim it',
  'stage.visitDate': 'Visit date',
  'stage.valueDate': 'Value date',
  'stage.valueDateHint': 'The day the loan starts to bear interest; subsidies run from it',
  'timeline.visitDate': 'Visited on {date}',
};
