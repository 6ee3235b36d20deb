import { adminEn, adminZhCN } from './adminMessages';
import { calendarEn, calendarZhCN } from './calendarMessages';
import { catalogEn, catalogZhCN } from './catalogMessages';
import { fiscalBureauEn, fiscalBureauZhCN } from './fiscalBureauMessages';
import { institutionEn, institutionZhCN } from './institutionMessages';
import type { Language } from './language';
import { loanProgramEn, loanProgramZhCN } from './loanProgramMessages';
import { noticeEn, noticeZhCN } from './noticeMessages';
import { officerEn, officerZhCN } from './officerMessages';
import { opsEn, opsZhCN } from './opsMessages';
import { profileEn, profileZhCN } from './profileMessages';
import { requestEn, requestZhCN } from './requestMessages';
import { slaEn, slaZhCN } from './slaMessages';
import { supervisionEn, supervisionZhCN } from './supervisionMessages';
import { visitorEn, visitorZhCN } from './visitorMessages';

const zhCN = {
  'platform.name': '市县一体金融服务平台',
  'platform.slogan': '线上任意选 · 下单随时点 · 银行快抢单',
  'platform.city': '聊城',

  'intro.tagline': '连接全市金融机构与企业、个人的融资对接平台',
  'intro.browse': '线上任意选',
  'intro.browseText': '全市金融机构的信贷产品，一站比选',
  'intro.order': '下单随时点',
  'intro.orderText': '在线提交融资需求，办理进度全程可查',
  'intro.grab': '银行快抢单',
  'intro.grabText': '客户经理抢单对接，县域无人接单时全市联动',
  'intro.sla': '321 快速响应',
  'intro.slaText': '响应、对接调查、审批反馈各环节限时办结，金融监管部门实时督办',

  'language.switchTo': 'English',
  'language.switchLabel': '切换语言',

  'role.enterprise': '企业',
  'role.individual': '个人',
  'role.officer': '客户经理',
  'role.institution_admin': '机构管理员',
  'role.bureau': '金融监管',
  'role.admin': '平台管理员',

  'nav.home': '首页',
  'nav.products': '产品超市',
  'nav.myRequests': '我的融资需求',
  'nav.notifications': '消息中心',
  'nav.pool': '抢单大厅',
  'nav.officerRequests': '我的订单',
  'nav.institutionProducts': '产品管理',
  'nav.institutionOfficers': '客户经理',
  'nav.institutionPipeline': '机构订单',
  'nav.bureauOverview': '监管驾驶舱',
  'nav.bureauSla': '321 时效',
  'nav.bureauBreaches': '超时督办',
  'nav.adminInstitutions': '机构管理',
  'nav.adminAccounts': '账户管理',
  'nav.adminSlaPolicy': 'SLA 策略',
  'nav.adminCalendar': '工作日历',
  'nav.open': '打开导航',

  'auth.login': '登录',
  'auth.loginTitle': '账户登录',
  'auth.logout': '退出登录',
  'auth.register': '注册',
  'auth.registerTitle': '注册账户',
  'auth.noAccount': '还没有账户？',
  'auth.registerNow': '立即注册',
  'auth.haveAccount': '已有账户？',
  'auth.loginNow': '去登录',
  'auth.username': '用户名',
  'auth.password': '密码',
  'auth.confirmPassword': '确认密码',
  'auth.badCredentials': '用户名或密码错误',
  'auth.tooManyAttempts': '尝试次数过多，请稍后再试',
  'auth.registered': '注册成功，请登录',
  'auth.logoutFailed': '退出登录失败，请重试',

  'register.enterprise': '企业',
  'register.individual': '个人',
  'register.enterpriseName': '企业名称',
  'register.personName': '姓名',
  'register.uscc': '统一社会信用代码',
  'register.idNumber': '身份证号码',
  'register.county': '所在区县',
  'register.industry': '所属行业',
  'register.phone': '手机号码',
  'register.contactName': '联系人（选填）',
  'register.passwordHint': '至少 8 位',

  'validation.choose': '请选择{field}',
  'validation.passwordLength': '密码至少 8 位',
  'validation.passwordMismatch': '两次输入的密码不一致',
  'validation.passwordLettersDigits': '密码须同时包含字母和数字',
  'validation.uscc': '统一社会信用代码应为 18 位数字或大写字母',
  'validation.idNumber': '身份证号码应为 18 位，末位可为 X',
  'validation.phone': '请输入 11 位手机号码',

  'home.welcome': '您好，{name}',
  'home.role': '角色',
  'home.institution': '所属机构',
  'home.scope': '所属区域',
  'home.wholeCity': '全市',
  'home.shortcuts': '常用功能',

  'page.forbidden': '您无权访问此页面',
  'page.notFound': '页面不存在',
  'page.backHome': '返回首页',

  'error.network': '无法连接服务器，请检查网络后重试',
  'error.loadFailed': '加载失败',
  'error.retry': '重试',

  'common.save': '保存',
  'common.cancel': '取消',
  'common.edit': '编辑',
  'common.actions': '操作',
  'common.yes': '是',
  'common.no': '否',

  ...adminZhCN,
  ...calendarZhCN,
  ...catalogZhCN,
  ...fiscalBureauZhCN,
  ...institutionZhCN,
  ...loanProgramZhCN,
  ...noticeZhCN,
  ...officerZhCN,
  ...opsZhCN,
  ...profileZhCN,
  ...requestZhCN,
  ...slaZhCN,
  ...supervisionZhCN,
  ...visitorZhCN,
};

export type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
  'platform.name': 'City–County Integrated Financial Service Platform',
  'platform.slogan': 'Browse any product online · Order any time · Banks race to serve you',
  'platform.city': 'Liaocheng',

  'intro.tagline': "Matching the city's financial institutions with enterprises and individuals",
  'intro.browse': 'Browse any product online',
  'intro.browseText': 'Compare the loan products of every institution in the city in one place',
  'intro.order': 'Order any time',
  'intro.orderText': 'Submit a loan request online and follow each step of its progress',
  'intro.grab': 'Banks race to serve you',
  'intro.grabText': 'Customer managers claim requests; if no one in the county does, the whole city can',
  'intro.sla': '321 rapid response',
  'intro.slaText':
    'Responding, contact and investigation, and the decision each have a deadline, supervised by the finance bureau',

  'language.switchTo': '中文',
  'language.switchLabel': 'Switch language',

  'role.enterprise': 'Enterprise',
  'role.individual': 'Individual',
  'role.officer': 'Customer manager',
  'role.institution_admin': 'Institution admin',
  'role.bureau': 'Finance supervision',
  'role.admin': 'Platform admin',

  'nav.home': 'Home',
  'nav.products': 'Product marketplace',
  'nav.myRequests': 'My loan requests',
  'nav.notifications': 'Notifications',
  'nav.pool': 'Request pool',
  'nav.officerRequests': 'My orders',
  'nav.institutionProducts': 'Products',
  'nav.institutionOfficers': 'Customer managers',
  'nav.institutionPipeline': 'Institution orders',
  'nav.bureauOverview': 'Supervision dashboard',
  'nav.bureauSla': '321 timeliness',
  'nav.bureauBreaches': 'Overdue supervision',
  'nav.adminInstitutions': 'Institutions',
  'nav.adminAccounts': 'Accounts',
  'nav.adminSlaPolicy': 'SLA policy',
  'nav.adminCalendar': 'Working calendar',
  'nav.open': 'Open navigation',

  'auth.login': 'Sign in',
  'auth.loginTitle': 'Sign in to your account',
  'auth.logout': 'Sign out',
  'auth.register': 'Register',
  'auth.registerTitle': 'Create an account',
  'auth.noAccount': 'No account yet?',
  'auth.registerNow': 'Register now',
  'auth.haveAccount': 'Already registered?',
  'auth.loginNow': 'Sign in',
  'auth.username': 'Username',
  'auth.password': 'Password',
  'auth.confirmPassword': 'Confirm password',
  'auth.badCredentials': 'Incorrect username or password',
  'auth.tooManyAttempts': 'Too many attempts, please try again later',
  'auth.registered': 'Registration complete, please sign in',
  'auth.logoutFailed': 'Sign-out failed, please try again',

  'register.enterprise': 'Enterprise',
  'register.individual': 'Individual',
  'register.enterpriseName': 'Enterprise name',
  'register.personName': 'Full name',
  'register.uscc': 'Unified social credit code',
  'register.idNumber': 'Resident ID number',
  'register.county': 'County / district',
  'register.industry': 'Industry',
  'register.phone': 'Mobile number',
  'register.contactName': 'Contact person (optional)',
  'register.passwordHint': 'At least 8 characters',

  'validation.choose': 'Please select {field}',
  'validation.passwordLength': 'The password needs at least 8 characters',
  'validation.passwordMismatch': 'The passwords do not match',
  'validation.passwordLettersDigits': 'The password needs both letters and digits',
  'validation.uscc': 'The code has 18 digits or capital letters',
  'validation.idNumber': 'The ID number has 18 characters; the last may be X',
  'validation.phone': 'Please enter an 11-digit mobile number',

  'home.welcome': 'Welcome, {name}',
  'home.role': 'Role',
  'home.institution': 'Institution',
  'home.scope': 'Region',
  'home.wholeCity': 'Whole city',
  'home.shortcuts': 'Shortcuts',

  'page.forbidden': 'You do not have access to this page',
  'page.notFound': 'Page not found',
  'page.backHome': 'Back to home',

  'error.network': 'Cannot reach the server, please check your network and retry',
  'error.loadFailed': 'Failed to load',
  'error.retry': 'Retry',

  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.edit': 'Edit',
  'common.actions': 'Actions',
  'common.yes': 'Yes',
  'common.no': 'No',

  ...adminEn,
  ...calendarEn,
  ...catalogEn,
  ...fiscalBureauEn,
  ...institutionEn,
  ...loanProgramEn,
  ...noticeEn,
  ...officerEn,
  ...opsEn,
  ...profileEn,
  ...requestEn,
  ...slaEn,
  ...supervisionEn,
  ...visitorEn,
};

export const messages: Record<Language, Record<MessageKey, string>> = {
  'zh-CN': zhCN,
  en,
};
