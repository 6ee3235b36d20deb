/**
 * The applicant's notices of their request's progress (notification kinds `progress.*`), the one
 * place they are worded. `{subject}` is the request as its page names it (水城快贷 · 40 万元 · 12 个月),
 * `{institution}` the bank by name; the figures come formatted as the request page shows them.
 */
const zhCN = {
  'notificationKind.progress': '办理进度',
  'notice.subject': '{amount} · {term}',
  'notice.subjectWithProduct': '{product} · {amount} · {term}',

  'notice.open.title': '融资需求已发布',
  'notice.open.exclusive': '您的融资需求（{subject}）已推送给{institution}，由其优先接单。',
  'notice.open.county': '您的融资需求（{subject}）已进入本县抢单池，等待银行接单。',
  'notice.open.city': '您的融资需求（{subject}）已进入全市抢单池，等待银行接单。',
  'notice.endExclusive.title': '已进入本县抢单池',
  'notice.endExclusive.body': '定向银行未在独享时段内接单，您的融资需求（{subject}）已开放给本县各银行。',
  'notice.escalate.title': '已升级至全市抢单池',
  'notice.escalate.body': '本县银行未按时响应，您的融资需求（{subject}）已开放给全市的银行抢单。',
  'notice.claim.title': '银行已接单',
  'notice.claim.body': '{institution}已接单您的融资需求（{subject}），将尽快与您联系。',
  'notice.officer': '客户经理：{name}。',
  'notice.officerPhone': '客户经理：{name}，电话 {phone}。',
  'notice.sentenceGap': '',
  'notice.assign.title': '金融监管部门已派单',
  'notice.assign.body': '您的融资需求（{subject}）已派给{institution}，该行将尽快与您联系。',
  'notice.handover.title': '客户经理已变更',
  'notice.handover.body': '您的融资需求（{subject}）已由{institution}的{officer}承接。',
  'notice.handover.phone': '联系电话 {phone}。',
  'notice.contact.title': '银行已与您对接',
  'notice.contact.body': '{institution}已就您的融资需求（{subject}）与您取得联系。',
  'notice.investigate.title': '贷前调查已完成',
  'notice.investigate.body': '{institution}已完成您的融资需求（{subject}）的贷前调查，进入审批。',
  'notice.approve.title': '审批通过',
  'notice.approve.body': '{institution}已批准您的融资需求（{subject}）：{terms}。',
  'notice.approve.rate': '年利率 {rate}',
  'notice.approve.term': '期限 {term}',
  'notice.reject.title': '未获批准',
  'notice.reject.body':
    '{institution}未批准您的融资需求（{subject}），原因：{reason}。您可以在需求页面重新发布，交由其他银行办理。',
  'notice.disburse.title': '已放款',
  'notice.disburse.body': '{institution}已就您的融资需求（{subject}）放款 {amount}。',
  'notice.expire.title': '融资需求已过期',
  'notice.expire.body': '您的融资需求（{subject}）在时限内无银行承接，已过期。您可以调整需求后重新提交。',
  'notice.reject.plain': '{institution}未批准您的融资需求（{subject}）。您可以在需求页面重新发布，交由其他银行办理。',
  'notice.separator': '，',
  'notice.aBank': '银行',
  'notice.view': '查看需求',
  'request.officerPhone': '客户经理电话',
};

export const noticeZhCN = zhCN;

export const noticeEn: Record<keyof typeof zhCN, string> = {
  'notificationKind.progress': 'Progress',
  'notice.subject': '{amount} · {term}',
  'notice.subjectWithProduct': '{product} · {amount} · {term}',

  'notice.open.title': 'Loan request placed',
  'notice.open.exclusive': 'Your loan request ({subject}) went to {institution}, who may take it first.',
  'notice.open.county': 'Your loan request ({subject}) is in the county pool, waiting for a bank to take it.',
  'notice.open.city': 'Your loan request ({subject}) is in the city-wide pool, waiting for a bank to take it.',
  'notice.endExclusive.title': 'Now open to the county',
  'notice.endExclusive.body':
    'The bank you chose did not take your loan request ({subject}) in time; every bank in the county may now.',
  'notice.escalate.title': 'Escalated city-wide',
  'notice.escalate.body':
    'No bank in the county responded in time; your loan request ({subject}) is now open to banks city-wide.',
  'notice.claim.title': 'A bank took your request',
  'notice.claim.body': '{institution} took your loan request ({subject}) and will contact you soon.',
  'notice.officer': 'Your officer: {name}.',
  'notice.officerPhone': 'Your officer: {name}, phone {phone}.',
  'notice.sentenceGap': ' ',
  'notice.assign.title': 'Assigned by the finance bureau',
  'notice.assign.body':
    'The finance bureau gave your loan request ({subject}) to {institution}, who will contact you soon.',
  'notice.handover.title': 'Your officer changed',
  'notice.handover.body': 'Your loan request ({subject}) is now handled by {officer} of {institution}.',
  'notice.handover.phone': 'Phone {phone}.',
  'notice.contact.title': 'The bank contacted you',
  'notice.contact.body': '{institution} has been in touch about your loan request ({subject}).',
  'notice.investigate.title': 'Due diligence done',
  'notice.investigate.body':
    '{institution} finished the due diligence on your loan request ({subject}); it is now deciding.',
  'notice.approve.title': 'Approved',
  'notice.approve.body': '{institution} approved your loan request ({subject}): {terms}.',
  'notice.approve.rate': '{rate} a year',
  'notice.approve.term': 'for {term}',
  'notice.reject.title': 'Not approved',
  'notice.reject.body':
    '{institution} did not approve your loan request ({subject}). Reason: {reason}. You may re-open it on its page for other banks.',
  'notice.disburse.title': 'Disbursed',
  'notice.disburse.body': '{institution} disbursed {amount} on your loan request ({subject}).',
  'notice.expire.title': 'Loan request expired',
  'notice.expire.body':
    'No bank took your loan request ({subject}) in time, so it expired. You may adjust it and place it again.',
  'notice.reject.plain':
    '{institution} did not approve your loan request ({subject}). You may re-open it on its page for other banks.',
  'notice.separator': ', ',
  'notice.aBank': 'The bank',
  'notice.view': 'View request',
  'request.officerPhone': 'Officer’s phone',
};
