/** Visitors: the landing page, the user agreement and privacy policy, and a forgotten password. */
const zhCN = {
  'visitor.or': '或',
  'visitor.browseWithoutAccount': '无需账户，先逛逛产品超市',
  'visitor.forgotPassword': '忘记密码？',
  'visitor.register': '免费注册',
  'visitor.browseCatalog': '进入产品超市',
  'visitor.signIn': '登录',
  'visitor.placeRequest': '直接发布融资需求',
  'visitor.noneFits': '没有中意的产品？按上面的条件发布需求，让银行来抢单。',

  'landing.title': '融资需求，一次提交，银行来抢单',
  'landing.lead':
    '{platform}由市金融管理部门建设运营，汇集全市银行、担保等金融机构的信贷产品。企业和个人在线比选产品、提交融资需求，客户经理在抢单大厅抢单对接，每一步都有时限承诺。',
  'landing.figuresTitle': '平台数据',
  'landing.figuresAsOf': '数据截至 {time}，每分钟更新',
  'landing.institutions': '入驻金融机构',
  'landing.listedProducts': '在架信贷产品',
  'landing.enterprises': '注册企业',
  'landing.requests': '融资需求',
  'landing.disbursedLoans': '撮合放款',
  'landing.disbursedAmount': '放款金额',
  'landing.unitInstitutions': '家',
  'landing.unitProducts': '款',
  'landing.unitRequests': '笔',
  'landing.unitYuan': '元',
  'landing.promiseTitle': '“321” 快速响应承诺',
  'landing.promiseLead': '需求提交后，每个环节按工作时间计时，超时即由金融监管部门督办。',
  'landing.howTitle': '怎么用',
  'landing.catalogTitle': '产品超市',
  'landing.catalogText': '按金额、期限、所在区县和行业筛选，看清利率和申请条件，最多 4 款并排比较。不用登录就能看。',
  'landing.startTitle': '开始申请',
  'landing.startText': '选好产品点“申请”，注册或登录后直接进入填好的申请表；也可以不选产品，直接发布需求让银行来抢单。',

  'agreement.version': '版本 {version}',
  'agreement.back': '返回',
  'visitor.agreePrefix': '我已阅读并同意',
  'visitor.agreeAnd': '和',
  'visitor.mustAgree': '请阅读并同意《用户协议》和《隐私政策》',
  'visitor.termsTitle': '《用户协议》',
  'visitor.privacyTitle': '《隐私政策》',

  'terms.title': '用户协议',
  'terms.intro':
    '欢迎使用市县一体金融服务平台（以下简称“平台”）。平台由市金融管理部门建设运营，为企业、个人和金融机构提供融资对接服务。注册前请读完本协议；勾选“同意”即表示您接受以下约定。',
  'terms.s1.title': '一、平台做什么',
  'terms.s1.body':
    '平台展示金融机构的信贷产品，接收您提交的融资需求，并把需求推送给符合条件的金融机构抢单对接。平台不放贷款、不收取任何费用，是否放款、放多少、利率多少由金融机构依照其规定自行决定。',
  'terms.s2.title': '二、您的账户',
  'terms.s2.body':
    '请如实填写企业名称、统一社会信用代码或姓名、身份证号码、手机号码等信息。账户和密码由您自己保管，不要告诉他人；通过您的账户进行的操作视为您本人所为。发现账户被盗用，请立即联系平台管理员。',
  'terms.s3.title': '三、提交融资需求',
  'terms.s3.body':
    '您提交的金额、期限、用途等应真实。需求提交后，金融机构的客户经理会联系您了解情况、开展贷前调查。贷款被批准前，您可以随时撤销需求。不得利用平台骗取贷款或发布虚假信息。',
  'terms.s4.title': '四、时限承诺',
  'terms.s4.body':
    '平台对金融机构的响应、对接调查和审批反馈设有时限（“321”），按工作时间计算。超时后平台会提醒并由金融监管部门督办，但时限承诺不等于保证获得贷款。',
  'terms.s5.title': '五、协议变更',
  'terms.s5.body':
    '本协议内容变化时，平台会发布新版本并请您重新确认。对本协议有疑问，可联系平台管理员（市金融管理部门平台运营组）。',

  'privacy.title': '隐私政策',
  'privacy.intro': '我们重视您的个人信息。本政策用平实的话说明平台收集哪些信息、用来做什么、给谁看，以及您有哪些权利。',
  'privacy.s1.title': '一、我们收集哪些信息',
  'privacy.s1.body':
    '注册时：用户名、密码（只保存加密后的结果）、企业名称和统一社会信用代码或姓名和身份证号码、所在区县、行业、手机号码、联系人。提交需求时：金额、期限、用途、担保方式和联系方式。您同意本政策的版本和时间也会记录在您的账户中。',
  'privacy.s2.title': '二、用来做什么',
  'privacy.s2.body':
    '只用于核实身份、把您的融资需求匹配给能服务您的金融机构、计算和督办服务时限，以及金融监管部门的统计和监督。不用于广告，不卖给任何人。',
  'privacy.s3.title': '三、谁能看到',
  'privacy.s3.body':
    '抢单前，客户经理只能看到遮盖后的信息（如手机号中间四位被隐藏）；只有抢到您的需求的金融机构才能看到完整的联系方式。金融监管部门看到的是统计数字和超时情况。身份证号码和统一社会信用代码不会出现在任何人的列表里。平台首页公开的只有汇总数字，不包含任何人的信息。',
  'privacy.s4.title': '四、怎么保护',
  'privacy.s4.body': '数据保存在境内服务器，传输加密，密码加密保存，重要操作留有审计记录，只有经过授权的人员才能接触。',
  'privacy.s5.title': '五、您的权利',
  'privacy.s5.body':
    '您可以查看自己提交的信息和需求进度，可以撤销未获批准的需求。需要更正或注销账户，请联系平台管理员（市金融管理部门平台运营组）。',

  'forgot.title': '忘记密码',
  'forgot.lead': '平台目前还不能通过短信自助找回密码，忘记密码时由平台管理员为您重置。',
  'forgot.applicantTitle': '企业和个人用户',
  'forgot.applicantBody':
    '请联系平台管理员（市金融管理部门平台运营组）：工作日办公时间到政务服务中心金融服务窗口办理，企业请带营业执照和经办人身份证，个人请带本人身份证。核实身份后，管理员会为您设置一个临时密码。',
  'forgot.staffTitle': '金融机构工作人员',
  'forgot.staffBody': '客户经理请联系本机构的机构管理员；机构管理员请联系平台管理员。',
  'forgot.afterTitle': '拿到临时密码以后',
  'forgot.afterBody': '用临时密码登录，平台会要求您马上设置一个只有自己知道的新密码。',
  'forgot.messagingLater': '短信验证码找回密码功能上线后，您可以在这里自行找回。',
  'forgot.backToLogin': '返回登录',
};

export const visitorZhCN = zhCN;

export const visitorEn: Record<keyof typeof zhCN, string> = {
  'visitor.or': 'or',
  'visitor.browseWithoutAccount': 'Browse the product catalog without signing in',
  'visitor.forgotPassword': 'Forgot your password?',
  'visitor.register': 'Register for free',
  'visitor.browseCatalog': 'Open the product catalog',
  'visitor.signIn': 'Sign in',
  'visitor.placeRequest': 'Place a loan request',
  'visitor.noneFits': 'Nothing you like? Place a request with these filters and let banks claim it.',

  'landing.title': 'Place a loan request once, and banks race to serve you',
  'landing.lead':
    "{platform} is run by the city's financial regulator and gathers the loan products of the city's banks and guarantors. Enterprises and individuals compare products and place loan requests online; customer managers claim them in the grab hall, and every step has a deadline.",
  'landing.figuresTitle': 'The platform in figures',
  'landing.figuresAsOf': 'As of {time}, updated every minute',
  'landing.institutions': 'Institutions',
  'landing.listedProducts': 'Products listed',
  'landing.enterprises': 'Enterprises registered',
  'landing.requests': 'Loan requests',
  'landing.disbursedLoans': 'Loans disbursed',
  'landing.disbursedAmount': 'Amount disbursed',
  'landing.unitInstitutions': '',
  'landing.unitProducts': '',
  'landing.unitRequests': '',
  'landing.unitYuan': '¥',
  'landing.promiseTitle': 'The "321" rapid-response promise',
  'landing.promiseLead':
    'Once a request is placed, each step is timed in working hours; a missed deadline is followed up by the financial regulator.',
  'landing.howTitle': 'How it works',
  'landing.catalogTitle': 'Product catalog',
  'landing.catalogText':
    'Filter by amount, term, county and industry, read the rates and conditions, compare up to 4 side by side. No account needed.',
  'landing.startTitle': 'Apply',
  'landing.startText':
    'Pick a product and click "Apply": after registering or signing in you land on the request form, already filled in. Or place a request without a product and let banks claim it.',

  'agreement.version': 'Version {version}',
  'agreement.back': 'Back',
  'visitor.agreePrefix': 'I have read and accept the ',
  'visitor.agreeAnd': ' and the ',
  'visitor.mustAgree': 'Please read and accept the user agreement and privacy policy',
  'visitor.termsTitle': 'user agreement',
  'visitor.privacyTitle': 'privacy policy',

  'terms.title': 'User agreement',
  'terms.intro':
    'Welcome to the City–County Integrated Financial Service Platform ("the platform"), run by the city\'s financial regulator to match enterprises and individuals with financial institutions. Please read this agreement before registering; ticking "accept" means you agree to it.',
  'terms.s1.title': '1. What the platform does',
  'terms.s1.body':
    'It shows the loan products of financial institutions, takes your loan requests and passes them to the institutions that may serve them. The platform lends nothing and charges nothing; whether, how much and at what rate to lend is decided by each institution under its own rules.',
  'terms.s2.title': '2. Your account',
  'terms.s2.body':
    'Give true details (company name and credit code, or name and ID number, mobile number). Keep your password to yourself; whatever is done with your account counts as done by you. If your account is misused, tell the platform admin at once.',
  'terms.s3.title': '3. Loan requests',
  'terms.s3.body':
    'The amount, term and purpose you give must be true. A customer manager will contact you and look into your request. You may cancel a request at any time before it is approved. Do not use the platform to obtain loans by deception or to publish false information.',
  'terms.s4.title': '4. Deadlines',
  'terms.s4.body':
    'Institutions must respond, contact and investigate, and decide within set working times ("321"). Missed deadlines are flagged and followed up by the regulator; a deadline is not a promise of a loan.',
  'terms.s5.title': '5. Changes',
  'terms.s5.body':
    "A changed agreement gets a new version, which you will be asked to accept. Questions: the platform admin (the regulator's platform team).",

  'privacy.title': 'Privacy policy',
  'privacy.intro':
    'This policy says in plain words what the platform collects about you, what for, who sees it, and your rights.',
  'privacy.s1.title': '1. What we collect',
  'privacy.s1.body':
    'At registration: username, password (only its hash is kept), company name and credit code or your name and ID number, county, industry, mobile number, contact person. With a request: amount, term, purpose, collateral and contact details. The version of this policy you accepted, and when, is kept with your account.',
  'privacy.s2.title': '2. What for',
  'privacy.s2.body':
    "Only to verify who you are, match your request with institutions that can serve it, time and follow up the deadlines, and for the regulator's statistics and supervision. Never for advertising, never sold.",
  'privacy.s3.title': '3. Who sees it',
  'privacy.s3.body':
    "Before a claim, customer managers see masked details (e.g. the middle of your phone number hidden); only the institution that claims your request sees your full contact details. The regulator sees figures and missed deadlines. ID numbers and credit codes appear in nobody's lists. The home page publishes totals only, never anyone's details.",
  'privacy.s4.title': '4. How it is protected',
  'privacy.s4.body':
    'Data is kept on servers in China, sent encrypted, passwords stored hashed, important actions audited, and only authorised staff have access.',
  'privacy.s5.title': '5. Your rights',
  'privacy.s5.body':
    "You can see what you submitted and how your requests progress, and cancel a request not yet approved. To correct your details or close your account, contact the platform admin (the regulator's platform team).",

  'forgot.title': 'Forgot your password',
  'forgot.lead':
    'The platform cannot yet send you a reset code by text message: for now the platform admin resets forgotten passwords.',
  'forgot.applicantTitle': 'Enterprises and individuals',
  'forgot.applicantBody':
    "Contact the platform admin (the city financial regulator's platform team) at the financial services window of the government service centre during office hours on working days. Enterprises bring their business licence and the agent's ID card, individuals their own ID card. Once your identity is checked, the admin sets a temporary password for you.",
  'forgot.staffTitle': 'Staff of financial institutions',
  'forgot.staffBody': "Customer managers ask their institution's admin; institution admins ask the platform admin.",
  'forgot.afterTitle': 'With the temporary password',
  'forgot.afterBody': 'Sign in with it; the platform then asks you to set a new password only you know.',
  'forgot.messagingLater': 'Once text messages are available, you will be able to reset your password here yourself.',
  'forgot.backToLogin': 'Back to sign-in',
};
