import { Alert, App, Button, Col, Divider, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { formProblem } from '../api/formErrors';
import { useSignedInUser } from '../auth/signedInUser';
import { useProductFormat } from '../catalog/format';
import type { Product } from '../catalog/product';
import { productKinds } from '../catalog/vocabulary';
import { useT } from '../i18n/context';
import { wanToYuan, yuanToWan } from '../i18n/format';
import { chooseRule } from '../i18n/formRules';
import { CountySelect } from '../reference/CountySelect';
import { IndustrySelect } from '../reference/IndustrySelect';
import { useSubmitRequest } from './actions';
import {
  customerTypeChoices,
  initialRequestValues,
  newIdempotencyKey,
  plannedLoanOf,
  requestInputOf,
  withinRange,
  type NewRequestValues,
  type RequestWish,
} from './newRequestForm';
import { RequestPrograms } from '../loanPrograms/RequestPrograms';
import { SlaPreview } from './SlaPreview';

const mobile = /^1\d{10}$/;
const half = { xs: 24, sm: 12 };
const wide = { width: '100%' };

/**
 * The request form; it starts from what the applicant asked for in the catalog (`wish`), and with a
 * chosen product inside that product's ranges, which it says.
 */
export function NewRequestForm({ product, wish }: { product: Product | undefined; wish: RequestWish }) {
  const t = useT();
  const user = useSignedInUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const format = useProductFormat();
  const [form] = Form.useForm<NewRequestValues>();
  const submitRequest = useSubmitRequest();
  const [problem, setProblem] = useState<string | null>(null);
  // One key per submission: a retry of the very same request reuses it, so it is never placed twice.
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const customerTypes = customerTypeChoices(user, product);
  // Every field, rendered or not (an enterprise's customer type is its role's), for the programs it would qualify for.
  const values = Form.useWatch([], { form, preserve: true }) as Partial<NewRequestValues> | undefined;

  const submit = async (values: NewRequestValues) => {
    setProblem(null);
    const input = requestInputOf(values, product?.id);
    const body = JSON.stringify(input);
    if (attempt.current?.body !== body) attempt.current = { key: newIdempotencyKey(), body };
    try {
      const created = await submitRequest.mutateAsync({ input, idempotencyKey: attempt.current.key });
      void message.success(t('newRequest.submitted'));
      navigate(`/my/requests/${created.id}`);
    } catch (error) {
      setProblem(formProblem(form, error, t));
    }
  };

  const outside = (range: string) => t('newRequest.outsideProduct', { range });
  const amountRules = product
    ? [withinRange(product.minAmount, product.maxAmount, wanToYuan, outside(format.amountRange(product)))]
    : [];
  const termRules = product
    ? [withinRange(product.minTermMonths, product.maxTermMonths, Number, outside(format.termRange(product)))]
    : [];

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initialRequestValues(user, product, wish)}
      onFinish={(values) => void submit(values)}
      scrollToFirstError={{ block: 'center' }}
      data-testid="new-request-form"
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="amount"
            label={t('request.amount')}
            rules={[{ required: true }, ...amountRules]}
            extra={product && t('newRequest.productRange', { range: format.amountRange(product) })}
          >
            <InputNumber<number> min={0.01} max={yuanToWan(1_000_000_000)} suffix={t('unit.wanShort')} style={wide} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="termMonths"
            label={t('request.termMonths')}
            rules={[{ required: true }, ...termRules]}
            extra={product && t('newRequest.productRange', { range: format.termRange(product) })}
          >
            <InputNumber<number> min={1} max={360} precision={0} suffix={t('unit.monthsShort')} style={wide} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="purpose" label={t('request.purpose')} rules={[{ required: true, whitespace: true, min: 2 }]}>
            <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('newRequest.purposePlaceholder')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="collateral" label={t('request.collateral')} rules={[chooseRule(t, t('request.collateral'))]}>
            <Select options={productKinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} />
          </Form.Item>
        </Col>
        {user.role === 'individual' && (
          <Col {...half}>
            <Form.Item
              name="customerType"
              label={t('request.customerType')}
              rules={[chooseRule(t, t('request.customerType'))]}
            >
              <Select options={customerTypes.map((type) => ({ value: type, label: t(`customerType.${type}`) }))} />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item name="county" label={t('request.county')} rules={[chooseRule(t, t('request.county'))]}>
            <CountySelect />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="industry" label={t('request.industry')} rules={[chooseRule(t, t('request.industry'))]}>
            <IndustrySelect placeholder={t('newRequest.industryPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t('request.contact')}</Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="contactName" label={t('request.contactName')} extra={t('newRequest.contactHint')}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="contactPhone"
            label={t('request.contactPhone')}
            rules={[{ pattern: mobile, message: t('validation.phone') }]}
          >
            <Input maxLength={11} inputMode="tel" autoComplete="tel" />
          </Form.Item>
        </Col>
      </Row>
      <Flex vertical gap={16}>
        <RequestPrograms loan={plannedLoanOf(values ?? {}, user, product)} annualRate={product?.minRate ?? null} />
        <SlaPreview directed={product !== undefined} institutionName={product?.institution.name} />
        <Button
          type="primary"
          size="large"
          htmlType="submit"
          loading={submitRequest.isPending}
          data-testid="submit-request"
        >
          {t('newRequest.submit')}
        </Button>
      </Flex>
    </Form>
  );
}
