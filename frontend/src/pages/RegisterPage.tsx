import { BankOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Col, Form, Input, Row, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AGREEMENT_VERSION } from '@lcfin/backend/contract';
import { formProblem } from '../api/formErrors';
import { NEXT_PARAM, safeReturnPath, withReturn } from '../auth/returnTo';
import { useLogin, useRegister, type Registration } from '../auth/session';
import { useI18n } from '../i18n/context';
import { chooseRule } from '../i18n/formRules';
import { AuthLayout } from '../layout/AuthLayout';
import { CountySelect } from '../reference/CountySelect';
import { IndustrySelect } from '../reference/IndustrySelect';

type Applicant = Registration['role'];

interface RegistrationForm {
  name: string;
  uscc: string;
  idNumber: string;
  industry: string;
  county: string;
  contactName?: string;
  phone: string;
  username: string;
  password: string;
  confirmPassword: string;
  agreementVersion?: typeof AGREEMENT_VERSION;
}

// Format checks only; the API also verifies the USCC and ID check characters.
const usccFormat = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const idNumberFormat = /^\d{17}[\dX]$/;
const phoneFormat = /^1\d{10}$/;
const toUpperCase = (value: string) => value.toUpperCase();

function toRegistration(role: Applicant, form: RegistrationForm): Registration {
  const account = {
    username: form.username.trim(),
    password: form.password,
    name: form.name.trim(),
    county: form.county,
    phone: form.phone.trim(),
    agreementVersion: AGREEMENT_VERSION,
  };
  if (role === 'individual') return { role, ...account, idNumber: form.idNumber.trim() };
  const contactName = form.contactName?.trim();
  return {
    role,
    ...account,
    uscc: form.uscc.trim(),
    industry: form.industry,
    ...(contactName ? { contactName } : {}),
  };
}

export default function RegisterPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegistrationForm>();
  const [role, setRole] = useState<Applicant>('enterprise');
  const [problem, setProblem] = useState<string | null>(null);
  const register = useRegister();
  const login = useLogin();
  // Where the visitor was headed: after registering they are signed in and go on there.
  const next = safeReturnPath(useSearchParams()[0].get(NEXT_PARAM));

  const submit = (values: RegistrationForm) => {
    setProblem(null);
    const registration = toRegistration(role, values);
    const { username, password } = registration;
    register.mutate(registration, {
      onSuccess: () =>
        login.mutate(
          { username, password },
          {
            onSuccess: () => navigate(next ?? '/home', { replace: true }),
            // Registered all the same: the sign-in page says so and asks again (e.g. when rate-limited).
            onError: () => navigate(withReturn('/login', next), { state: { username } }),
          },
        ),
      onError: (error) => setProblem(formProblem(form, error, t)),
    });
  };
  const agreement = (path: '/terms' | '/privacy', label: string) => (
    // A new tab, so the form filled in so far stays.
    <Link to={path} target="_blank" rel="noopener">
      {label}
    </Link>
  );

  const half = { xs: 24, sm: 12 };
  return (
    <AuthLayout title={t('auth.registerTitle')} width={640}>
      <Segmented<Applicant>
        block
        size="large"
        value={role}
        onChange={(next) => {
          setRole(next);
          setProblem(null);
        }}
        options={[
          {
            value: 'enterprise',
            label: t('register.enterprise'),
            icon: <BankOutlined />,
          },
          {
            value: 'individual',
            label: t('register.individual'),
            icon: <UserOutlined />,
          },
        ]}
        style={{ marginBottom: 24 }}
        data-testid="register-role"
      />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              name="name"
              label={t(role === 'enterprise' ? 'register.enterpriseName' : 'register.personName')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input autoComplete={role === 'enterprise' ? 'organization' : 'name'} />
            </Form.Item>
          </Col>
          <Col {...half}>
            {role === 'enterprise' ? (
              <Form.Item
                name="uscc"
                label={t('register.uscc')}
                normalize={toUpperCase}
                rules={[{ required: true }, { pattern: usccFormat, message: t('validation.uscc') }]}
              >
                <Input maxLength={18} />
              </Form.Item>
            ) : (
              <Form.Item
                name="idNumber"
                label={t('register.idNumber')}
                normalize={toUpperCase}
                rules={[
                  { required: true },
                  {
                    pattern: idNumberFormat,
                    message: t('validation.idNumber'),
                  },
                ]}
              >
                <Input maxLength={18} />
              </Form.Item>
            )}
          </Col>
          {role === 'enterprise' && (
            <Col {...half}>
              <Form.Item name="industry" label={t('register.industry')} rules={[chooseRule(t, t('register.industry'))]}>
                <IndustrySelect />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="county" label={t('register.county')} rules={[chooseRule(t, t('register.county'))]}>
              <CountySelect showSearch={false} />
            </Form.Item>
          </Col>
          {role === 'enterprise' && (
            <Col {...half}>
              <Form.Item name="contactName" label={t('register.contactName')}>
                <Input autoComplete="name" />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item
              name="phone"
              label={t('register.phone')}
              rules={[{ required: true }, { pattern: phoneFormat, message: t('validation.phone') }]}
            >
              <Input maxLength={11} inputMode="numeric" autoComplete="tel" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true }]}>
              <Input autoComplete="username" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="password"
              label={t('auth.password')}
              rules={[{ required: true }, { min: 8, message: t('validation.passwordLength') }]}
            >
              <Input.Password autoComplete="new-password" placeholder={t('register.passwordHint')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="confirmPassword"
              label={t('auth.confirmPassword')}
              dependencies={['password']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    !value || value === getFieldValue('password')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('validation.passwordMismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="agreementVersion"
          valuePropName="checked"
          // The checkbox holds the version the applicant agreed to, as the API records it.
          getValueFromEvent={(event: { target: { checked: boolean } }) =>
            event.target.checked ? AGREEMENT_VERSION : undefined
          }
          rules={[{ required: true, message: t('visitor.mustAgree') }]}
        >
          <Checkbox data-testid="agree">
            {t('visitor.agreePrefix')}
            {agreement('/terms', t('visitor.termsTitle'))}
            {t('visitor.agreeAnd')}
            {agreement('/privacy', t('visitor.privacyTitle'))}
          </Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={register.isPending || login.isPending}>
          {t('auth.register')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 20, marginBottom: 0, textAlign: 'center' }}>
        {t('auth.haveAccount')} <Link to={withReturn('/login', next)}>{t('auth.loginNow')}</Link>
      </Typography.Paragraph>
    </AuthLayout>
  );
}
