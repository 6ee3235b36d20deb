import { z } from 'zod';
import type { ErrorCode } from './errors';

export type Language = 'zh-CN' | 'en';

/** zh-CN unless the client prefers English (Accept-Language). */
export function languageOf(acceptLanguage: string | undefined): Language {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

const ERROR_MESSAGES: Record<ErrorCode, Record<Language, string>> = {
  VALIDATION_FAILED: { 'zh-CN': '提交的信息有误，请检查标出的字段', en: 'Some fields are invalid' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_DISABLED: { 'zh-CN': '该账户已停用', en: 'This account is disabled' },
  FORBIDDEN: { 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  PASSWORD_CHANGE_REQUIRED: {
    'zh-CN': '密码已由管理员重置，请先修改密码',
    en: 'Your password was reset by the admin: change it first',
  },
  CSRF_TOKEN_INVALID: {
    'zh-CN': '页面已过期，请刷新后重试',
    en: 'Missing or invalid CSRF token; reload the page and try again',
  },
  NOT_FOUND: { 'zh-CN': '未找到', en: 'Not found' },
  ALREADY_EXISTS: { 'zh-CN': '已存在', en: 'Already exists' },
  INVALID_STATE: { 'zh-CN': '当前状态下不能执行此操作', en: 'Not allowed in the current state' },
  ALREADY_CLAIMED: { 'zh-CN': '手慢了，该需求已被其他机构抢单', en: 'Already claimed by another institution' },
  NOT_ELIGIBLE: { 'zh-CN': '贵机构当前不能抢此单', en: 'Your institution may not claim this request now' },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-CN': '该幂等键已用于另一笔不同的申请，请换一个幂等键',
    en: 'This Idempotency-Key was used for a different request; use a new key',
  },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '提交的内容过大', en: 'Request body too large' },
  TOO_MANY_TOKENS: {
    'zh-CN': '有效令牌数量已达上限，请先撤销不用的令牌',
    en: 'Too many live tokens; revoke one you no longer use',
  },
  RATE_LIMITED: { 'zh-CN': '尝试次数过多，请稍后再试', en: 'Too many attempts, try again later' },
  SERVICE_UNAVAILABLE: { 'zh-CN': '服务暂时不可用，请稍后重试', en: 'Service temporarily unavailable' },
  INTERNAL: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
};

export function errorMessage(code: ErrorCode, lang: Language): string {
  return ERROR_MESSAGES[code][lang];
}

/**
 * Field messages our own schemas raise, by key. Schemas are built once, so they carry a key and
 * the language is chosen per request; zod's built-in messages come from its own locales.
 */
const FIELD_MESSAGES = {
  'uscc.invalid': {
    'zh-CN': '统一社会信用代码无效（校验位不符）',
    en: 'Invalid unified social credit code (check character)',
  },
  'idNumber.invalid': {
    'zh-CN': '身份证号码无效（校验位或出生日期不符）',
    en: 'Invalid resident ID number (check digit or birth date)',
  },
  'phone.invalid': { 'zh-CN': '请输入 11 位手机号码', en: 'Enter an 11-digit mainland mobile number' },
  'workPhone.invalid': {
    'zh-CN': '请输入 11 位手机号码或带区号的固定电话（如 0635-8213601）',
    en: 'Enter an 11-digit mobile number or a landline with its area code (e.g. 0635-8213601)',
  },
  'password.weak': {
    'zh-CN': '密码至少 8 位，且须同时包含字母和数字',
    en: 'Password needs at least 8 characters with both letters and digits',
  },
  'password.sameAsUsername': { 'zh-CN': '密码不能与用户名相同', en: 'Password must differ from the username' },
  'password.wrong': { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  'password.unchanged': {
    'zh-CN': '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  'field.required': { 'zh-CN': '必须填写', en: 'Required' },
  'account.self': { 'zh-CN': '不能对自己的账户执行此操作', en: 'Not on your own account' },
  'account.countyBureauOnly': { 'zh-CN': '只有金融监管账户可指定区县', en: 'Only a bureau account takes a county' },
  'institution.suspended': { 'zh-CN': '该机构已暂停服务', en: 'The institution is suspended' },
  'username.format': {
    'zh-CN': '用户名为 3–32 位字母、数字、点、下划线或连字符',
    en: 'Username: 3–32 letters, digits, dots, underscores or hyphens',
  },
  'county.unknown': { 'zh-CN': '未知的区县代码', en: 'Unknown county code' },
  'industry.unknown': {
    'zh-CN': '未知的行业门类（GB/T 4754 门类字母）',
    en: 'Unknown industry section (GB/T 4754 letter)',
  },
  'institution.unknown': { 'zh-CN': '未知的金融机构', en: 'Unknown institution' },
  'agreement.notAccepted': {
    'zh-CN': '请阅读并同意当前版本的《用户协议》和《隐私政策》',
    en: 'Read and accept the current user agreement and privacy policy',
  },
  'taken.username': { 'zh-CN': '用户名已被使用', en: 'Username is already taken' },
  'tokens.limit': {
    'zh-CN': '该账户的有效令牌已达上限，请用 DELETE /auth/tokens/:id 撤销一个',
    en: 'This account holds the most live tokens allowed; revoke one with DELETE /auth/tokens/:id',
  },
  'taken.uscc': { 'zh-CN': '该统一社会信用代码已注册', en: 'This credit code is already registered' },
  'taken.idNumber': { 'zh-CN': '该身份证号码已注册', en: 'This ID number is already registered' },
  'taken.name': { 'zh-CN': '名称已被使用', en: 'Name is already in use' },
  'counties.notServed': { 'zh-CN': '本机构未在该区县开展业务', en: 'Your institution does not serve this county' },
  'assign.windowOpen': {
    'zh-CN': '抢单时限（含全市抢单）尚未届满，暂不能派单',
    en: 'The respond windows, city-wide included, have not run out: the request cannot be assigned yet',
  },
  'assign.notServed': {
    'zh-CN': '该机构不服务此需求所在区县',
    en: "The institution does not serve the request's county",
  },
  'assign.noOfficer': {
    'zh-CN': '该机构在此需求所在区县没有在岗客户经理',
    en: "The institution has no active officer serving the request's county",
  },
  'assign.rejected': { 'zh-CN': '该机构已拒绝过此需求', en: 'The institution has already rejected this request' },
  'counties.platformAdminOnly': {
    'zh-CN': '服务区县由平台管理员调整',
    en: 'Only the platform admin changes the counties an institution serves',
  },
  'range.minAboveMax': { 'zh-CN': '上限不能小于下限', en: 'The maximum must not be below the minimum' },
  'product.requiredToList': { 'zh-CN': '上架前必须填写', en: 'Required before listing' },
  'rate.implausible': {
    'zh-CN': '年利率应在 0.5% 至 24% 之间',
    en: 'Annual rate must be between 0.5 % and 24 %',
  },
  'rate.precision': {
    'zh-CN': '利率须为正数，最多保留两位小数（如 3.85）',
    en: 'A positive number with at most two decimals, e.g. 3.85',
  },
  'yuan.format': { 'zh-CN': '金额须为正整数（元），如 300000', en: 'Whole yuan above zero, e.g. 300000' },
  'state.listed': { 'zh-CN': '产品已上架', en: 'The product is already listed' },
  'state.notListed': { 'zh-CN': '产品未上架', en: 'The product is not listed' },
  'product.notListed': { 'zh-CN': '该产品不存在或已下架', en: 'No such listed product' },
  'product.doesNotAllow': { 'zh-CN': '所选产品不支持此项', en: 'The chosen product does not allow this' },
  'amount.noProduct': { 'zh-CN': '没有产品支持此金额', en: 'No listed product covers this amount' },
  'termMonths.noProduct': { 'zh-CN': '没有产品支持此期限', en: 'No listed product covers this term' },
  'customerType.notYours': {
    'zh-CN': '账户类型不能以此身份申请',
    en: 'Your account cannot apply as this customer type',
  },
  'time.hhmm': { 'zh-CN': '时间格式为 HH:MM', en: 'Time as HH:MM' },
  'calendar.outsideYear': { 'zh-CN': '日期不在所录入的年份内', en: 'The date is not in the year being entered' },
  'calendar.duplicate': { 'zh-CN': '日期重复', en: 'The date is listed twice' },
  'calendar.workdayNotWeekend': {
    'zh-CN': '调休上班日只能是周六或周日',
    en: 'A make-up working day can only be a Saturday or Sunday',
  },
  'calendar.inBothLists': {
    'zh-CN': '同一天不能既放假又上班',
    en: 'A day cannot be both a day off and a working day',
  },
  'lunch.outsideHours': { 'zh-CN': '午休须在办公时间之内', en: 'Lunch must lie inside office hours' },
  'exclusive.notInsideRespond': {
    'zh-CN': '定向独享时段须短于响应时限',
    en: 'The exclusive window must be shorter than the respond window',
  },
  'idempotencyKey.invalid': { 'zh-CN': '幂等键应为 1–100 个字符', en: 'Idempotency-Key must be 1–100 characters' },
  'transition.requires': { 'zh-CN': '此步骤必须填写', en: 'Required for this step' },
  'approval.exceedsRequest': { 'zh-CN': '批准金额不能超过申请金额', en: 'Cannot approve more than requested' },
  'approval.rateOutsideProduct': {
    'zh-CN': '年利率须在所选产品的利率范围内（{range}）',
    en: "The annual rate must be within the chosen product's range ({range})",
  },
  'visitDate.future': { 'zh-CN': '走访日期不能晚于今天', en: 'The visit date cannot be in the future' },
  'visitDate.beforeClaim': {
    'zh-CN': '走访日期不能早于接单日期（{claimedOn}）',
    en: 'The visit date cannot be before the request was claimed ({claimedOn})',
  },
  'valueDate.future': { 'zh-CN': '起息日不能晚于今天', en: 'The value date cannot be in the future' },
  'valueDate.beforeClaim': {
    'zh-CN': '起息日不能早于接单日期（{claimedOn}）',
    en: 'The value date cannot be before the request was claimed ({claimedOn})',
  },
  'handover.notInstitutionOfficer': {
    'zh-CN': '只能转派给本机构的客户经理',
    en: 'Only an officer of the institution holding the request can take it over',
  },
  'handover.officerInactive': { 'zh-CN': '该客户经理账户已停用', en: "The officer's account is disabled" },
  'handover.countyNotServed': {
    'zh-CN': '该客户经理不负责此需求所在区县',
    en: "The officer does not serve the request's county",
  },
  'handover.sameOfficer': { 'zh-CN': '该需求已由此客户经理承接', en: 'The officer already holds this request' },
  'disbursal.exceedsApproval': { 'zh-CN': '放款金额不能超过批准金额', en: 'Cannot disburse more than approved' },
  'region.unknown': { 'zh-CN': '未知的地区代码', en: 'Unknown region code' },
  'region.outOfScope': {
    'zh-CN': '超出本级监管范围，只能查看本区县',
    en: 'Outside your supervision area: you may see only your own county',
  },
  'period.outOfRange': {
    'zh-CN': '日期须在 2000-01-01 至 2099-12-31 之间',
    en: 'The date must lie between 2000-01-01 and 2099-12-31',
  },
  'period.fromAfterTo': { 'zh-CN': '开始日期不能晚于结束日期', en: 'The start date must not be after the end date' },
  'timeZone.unknown': { 'zh-CN': '未知的时区', en: 'Unknown time zone' },
  'urge.notBreached': { 'zh-CN': '该环节尚未超时，无需督办', en: 'This stage is not overdue' },
  'urge.stageCompleted': { 'zh-CN': '该环节已办结，无需督办', en: 'This stage has already been completed' },
  'urge.noInstitution': {
    'zh-CN': '该环节尚无承办机构，请改为派单',
    en: 'No institution owns this stage yet; assign the request instead',
  },
  'urge.alreadyOpen': {
    'zh-CN': '已督办，正在等待机构确认',
    en: 'An urge is already waiting for the institution to acknowledge it',
  },
  'urge.acknowledged': { 'zh-CN': '该督办已确认', en: 'This urge has already been acknowledged' },
  'password.bearer': {
    'zh-CN': '修改密码须在网页会话中进行，请勿附带 Authorization 头',
    en: 'Change the password in a web session, without the Authorization header',
  },
  'login.bearer': {
    'zh-CN': '携带访问令牌的请求无需登录；网页登录请勿附带 Authorization 头',
    en: 'A bearer request needs no sign-in; sign in without the Authorization header',
  },
  'text.controlCharacter': {
    'zh-CN': '不能包含控制字符（如 NUL）或无效字符',
    en: 'Must not contain control characters (such as NUL) or invalid characters',
  },
  'text.singleLine': { 'zh-CN': '只能填写一行，不能包含换行或制表符', en: 'One line only: no line breaks or tabs' },
  'csrf.bearer': {
    'zh-CN': '携带访问令牌的请求无需 CSRF 令牌；网页会话请勿附带 Authorization 头',
    en: 'A bearer request needs no CSRF token; ask for one without the Authorization header',
  },
  'body.tooDeep': { 'zh-CN': '提交的 JSON 嵌套层级过深', en: 'The JSON body is nested too deeply' },
  'body.notUtf8': { 'zh-CN': 'JSON 须使用 UTF-8 编码', en: 'JSON must be encoded as UTF-8' },
  'body.unreadable': {
    'zh-CN': '无法读取提交的内容（编码或压缩方式不受支持）',
    en: 'The request body could not be read (unsupported charset or encoding)',
  },
  // Fiscal instruments (财金协同)
  'period.endNotAfterStart': { 'zh-CN': '结束日期须晚于开始日期', en: 'The end date must be after the start date' },
  'amount.positive': { 'zh-CN': '金额须大于零', en: 'The amount must be more than zero' },
  'account.number': { 'zh-CN': '银行账号应为 8–30 位数字', en: 'A bank account number is 8–30 digits' },
  'program.paramRequired': { 'zh-CN': '该类政策项目须填写此参数', en: 'Programs of this kind need this parameter' },
  'program.paramNotOfKind': {
    'zh-CN': '此参数不适用于该类政策项目',
    en: 'This parameter does not apply to programs of this kind',
  },
  'program.feeShareOrCap': {
    'zh-CN': '担保费补贴须设定补贴比例或补贴上限',
    en: 'A guarantee-fee subsidy needs a share or a cap',
  },
  'program.regionOutOfScope': {
    'zh-CN': '只能管理本级财政部门出资的政策项目',
    en: "Only the funding region's bureau may manage this program",
  },
  'program.countyOutsideRegion': {
    'zh-CN': '县级政策项目只能覆盖本县',
    en: 'A county program covers its own county only',
  },
  'program.unknown': { 'zh-CN': '政策项目不存在', en: 'No such program' },
  'claim.loanUnknown': { 'zh-CN': '贷款申请不存在', en: 'No such loan request' },
  'program.unknownProduct': { 'zh-CN': '指定的产品不存在', en: 'A named product does not exist' },
  'program.unknownInstitution': { 'zh-CN': '指定的金融机构不存在', en: 'A named institution does not exist' },
  'program.notDraft': { 'zh-CN': '只有草稿状态的政策项目可以修改此项', en: 'Only a draft program may change this' },
  'program.notActive': { 'zh-CN': '政策项目未在实施中', en: 'The program is not active' },
  'program.closed': { 'zh-CN': '政策项目已结束，不再受理申请', en: 'The program is closed and takes no new claims' },
  'program.endsInPast': { 'zh-CN': '结束日期已过，不能启用', en: 'The program has already ended' },
  'program.budgetBelowSpent': {
    'zh-CN': '预算不能低于已承诺和已支付的金额（{spent} 元）',
    en: 'The budget cannot be below what is committed and paid ({spent} yuan)',
  },
  'program.previewInterestOnly': { 'zh-CN': '只有贴息项目可以试算贴息', en: 'Only interest subsidies have a preview' },
  'servicing.overdueDays': {
    'zh-CN': '逾期状态须填写逾期天数，其他状态不填',
    en: 'Overdue days go with the overdue status only, and it needs them',
  },
  'servicing.lossFen': {
    'zh-CN': '违约状态须填写核销后的本金损失，其他状态不填',
    en: 'The loss goes with the default status only, and it needs it',
  },
  'servicing.correctionReason': { 'zh-CN': '更正报告须说明原因', en: 'A correction needs its reason' },
  'servicing.notDisbursed': { 'zh-CN': '该贷款尚未放款', en: 'The loan has not been disbursed' },
  'servicing.future': { 'zh-CN': '报告期间不能晚于今天', en: 'A reported period cannot end after today' },
  'servicing.beforeValueDate': {
    'zh-CN': '报告期间不能早于起息日（{valueDate}）',
    en: 'A reported period cannot start before the value date ({valueDate})',
  },
  'servicing.supersedesUnknown': {
    'zh-CN': '被更正的报告不存在或不属于该贷款',
    en: 'The report to correct does not exist or belongs to another loan',
  },
  'servicing.alreadySuperseded': {
    'zh-CN': '该报告已被更正，请更正最新的报告',
    en: 'That report was corrected already: correct the latest one',
  },
  'servicing.periodOverlaps': {
    'zh-CN': '与已报告的期间（{period}）重叠，请更正该报告',
    en: 'It overlaps a period already reported ({period}): correct that report instead',
  },
  'claim.periodBothEnds': { 'zh-CN': '须同时填写期间的开始和结束日期', en: 'Give both ends of the period' },
  'claim.periodRequired': { 'zh-CN': '贴息和担保费补贴申请须填写申请期间', en: 'A subsidy claim needs its period' },
  'claim.periodNotForCompensation': {
    'zh-CN': '风险补偿申请不填申请期间',
    en: 'A compensation claim has no period',
  },
  'claim.notEnrolled': {
    'zh-CN': '该贷款不符合此政策项目的条件（{rules}）',
    en: "The loan is outside the program's rules ({rules})",
  },
  'claim.periodFuture': { 'zh-CN': '申请期间不能晚于今天', en: 'A claimed period cannot end after today' },
  'claim.periodBeforeValueDate': {
    'zh-CN': '申请期间不能早于起息日（{valueDate}）',
    en: 'A claimed period cannot start before the value date ({valueDate})',
  },
  'claim.periodOutsideProgram': {
    'zh-CN': '申请期间须在政策项目实施期内（{startsOn} 至 {endsOn}）',
    en: "A claimed period lies within the program's period ({startsOn} to {endsOn})",
  },
  'claim.periodOverlaps': {
    'zh-CN': '与已申请的期间（{period}）重叠',
    en: 'It overlaps a period already claimed ({period})',
  },
  'claim.periodNotReported': {
    'zh-CN': '该期间没有放款机构的还款报告，请先报告该期间',
    en: 'No servicing report covers this period: the bank reports it first',
  },
  'claim.notDefault': {
    'zh-CN': '该贷款没有违约报告，不能申请风险补偿',
    en: 'The loan has no default reported: no compensation can be claimed',
  },
  'claim.compensationByBank': {
    'zh-CN': '风险补偿只能由放款机构申请',
    en: 'Only the lending institution claims compensation',
  },
  'claim.notYourLoan': {
    'zh-CN': '只能为本人或本机构发放的贷款申请',
    en: 'You may claim only for your own loan or one your institution lent',
  },
  'claim.capReached': { 'zh-CN': '本年度该借款人的贴息已达上限', en: "The borrower's yearly cap is reached" },
  'claim.nothingDue': { 'zh-CN': '按政策规则计算的金额为零', en: "The program's rules give nothing for this" },
  'claim.noGuaranteeFee': {
    'zh-CN': '该期间的还款报告未填写担保费',
    en: 'The servicing report of this period has no guarantee fee',
  },
  'claim.selfCheck': { 'zh-CN': '复核人不能是初审人', en: 'The checker cannot be the reviewer' },
  'claim.budgetExceeded': {
    'zh-CN': '预算余额不足（剩余 {remaining} 元）',
    en: 'Not enough budget left ({remaining} yuan)',
  },
  'claim.paidOnFuture': { 'zh-CN': '支付日期不能晚于今天', en: 'The payment date cannot be in the future' },
  'claim.paidBeforeApproval': {
    'zh-CN': '支付日期不能早于复核通过日期（{approvedOn}）',
    en: 'The payment cannot be dated before the approval ({approvedOn})',
  },
  'claim.compensationClaimed': {
    'zh-CN': '该贷款已申请过此项目的风险补偿',
    en: 'Compensation for this loan is already claimed under this program',
  },
  'claim.recoveredOnFuture': { 'zh-CN': '追偿日期不能晚于今天', en: 'The recovery date cannot be in the future' },
  'claim.recoveryNotCompensation': {
    'zh-CN': '只有已支付的风险补偿可以登记追偿',
    en: 'Recoveries are recorded against a paid compensation only',
  },
  'claim.recoveryBeforePayment': {
    'zh-CN': '追偿日期不能早于补偿支付日期（{paidOn}）',
    en: 'A recovery cannot be dated before the compensation was paid ({paidOn})',
  },
  'profile.duplicate': { 'zh-CN': '不能重复选择', en: 'Chosen twice' },
  'profile.notForRole': {
    'zh-CN': '该项不属于您这类申请人的档案',
    en: 'This field is not part of your kind of profile',
  },
  'profile.future': { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be in the future' },
  'import.fileRequired': { 'zh-CN': '请上传一个 CSV 或 XLSX 文件', en: 'Upload one CSV or XLSX file' },
  'import.notSpreadsheet': {
    'zh-CN': '文件不是可读取的 CSV（UTF-8）或 XLSX 表格',
    en: 'The file is not a readable CSV (UTF-8) or XLSX sheet',
  },
  'import.noRows': { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  'import.tooManyRows': { 'zh-CN': '单次导入最多 {max} 行', en: 'At most {max} rows per import' },
  'import.missingColumn': { 'zh-CN': '表头缺少 {column} 列', en: 'The header lacks the {column} column' },
  'import.unknownColumn': { 'zh-CN': '无法识别的列：{column}', en: 'Unknown column: {column}' },
  'import.invalidUscc': {
    'zh-CN': '统一社会信用代码无效（校验位不符）',
    en: 'Invalid unified social credit code (check character)',
  },
  'import.unknownUscc': {
    'zh-CN': '平台上没有该统一社会信用代码的企业',
    en: 'No enterprise on the platform has this credit code',
  },
  'import.otherCounty': {
    'zh-CN': '该企业不在本局监管的区县',
    en: "This enterprise is outside your bureau's county",
  },
  'import.duplicateRow': { 'zh-CN': '与第 {row} 行的企业重复', en: 'The same enterprise as row {row}' },
  'import.badRating': {
    'zh-CN': '纳税信用等级应为 A、B、M、C 或 D',
    en: 'The tax credit rating must be A, B, M, C or D',
  },
  'import.badDate': { 'zh-CN': '日期应为 YYYY-MM-DD 格式的真实日期', en: 'Expected a real date as YYYY-MM-DD' },
  'import.futureDate': { 'zh-CN': '数据日期不能晚于今天', en: 'The data date cannot be in the future' },
  'import.badCount': { 'zh-CN': '应为不小于 0 的整数', en: 'Expected a whole number, 0 or more' },
  'import.badUtility': {
    'zh-CN': '缴费记录应为 on_time（正常）或 arrears（欠缴）',
    en: 'The payment record must be on_time or arrears',
  },
  'import.badYesNo': { 'zh-CN': '应为 是/否（或 true/false）', en: 'Expected yes/no (是/否, true/false)' },
  'import.noData': { 'zh-CN': '该行除代码和日期外没有任何数据', en: 'The row holds no data besides the code and date' },
} as const satisfies Record<string, Record<Language, string>>;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;

export function fieldMessage(keyOrText: string, lang: Language, params: Record<string, string> = {}): string {
  const text = (FIELD_MESSAGES as Record<string, Record<Language, string>>)[keyOrText]?.[lang] ?? keyOrText;
  return text.replace(/\{(\w+)\}/g, (place, name: string) => params[name] ?? place);
}

const ZOD_LOCALES = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() } as const;

/** Per-parse error map for zod's built-in messages in the caller's language. */
export function zodErrorMap(lang: Language) {
  return ZOD_LOCALES[lang].localeError;
}
