import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Divider,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  type FormRule,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/client';
import { formProblem, showFieldErrors } from '../api/formErrors';
import { useInstitution } from '../api/institutions';
import type { Product } from '../catalog/product';
import { customerTypes, productKinds } from '../catalog/vocabulary';
import { useT, type Translate } from '../i18n/context';
import { useLastShown } from '../layout/useLastShown';
import { CountySelect } from '../reference/CountySelect';
import { IndustrySelect } from '../reference/IndustrySelect';
import { useChangeListing, useSaveProduct } from './institutionProducts';
import { formValuesOf, newProductValues, productInputOf, type ProductFormValues } from './productForm';

/** What the drawer edits: a new product (null) or an existing one, maybe with the listing's refusal to show. */
export interface ProductEditing {
  product: Product | null;
  listingRefusal?: ApiError;
}

type RangeEnd = 'minAmount' | 'minTermMonths' | 'minRate';

/** The upper end of a range may not be below its lower end. */
function notBelow(lower: RangeEnd, t: Translate): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_, upper: number | null) => {
      const min = getFieldValue(lower) as number | null;
      return upper === null || upper === undefined || min === null || min === undefined || upper >= min
        ? Promise.resolve()
        : Promise.reject(new Error(t('productForm.maxBelowMin')));
    },
  });
}

function ProductForm({
  institutionId,
  editing,
  onDone,
}: {
  institutionId: string;
  editing: ProductEditing;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductFormValues>();
  const save = useSaveProduct(institutionId);
  const listing = useChangeListing(institutionId);
  const counties = useInstitution(institutionId).data?.countiesServed;
  // A new product becomes a draft at its first save; later saves edit that draft.
  const [productId, setProductId] = useState(editing.product?.id);
  const refusal = editing.listingRefusal;
  const [problem, setProblem] = useState(refusal ? t('productForm.fixFields') : null);
  const listed = editing.product?.status === 'listed';
  const allCounties = Form.useWatch('allCounties', form);
  const allIndustries = Form.useWatch('allIndustries', form);

  const explain = (error: unknown) => formProblem(form, error, t) ?? t('productForm.fixFields');

  // Opened because listing was refused: once the fields exist, mark the ones it names.
  useEffect(() => {
    if (refusal) showFieldErrors(form, refusal);
  }, [form, refusal]);

  // Both buttons submit the form (so it scrolls to the first invalid field); this says which one did.
  const andListRef = useRef(false);
  const submitWith = (andList: boolean) => {
    andListRef.current = andList;
    form.submit();
  };

  const submit = async (values: ProductFormValues) => {
    const andList = andListRef.current;
    setProblem(null);
    try {
      const saved = await save.mutateAsync({ id: productId, input: productInputOf(values) });
      setProductId(saved.id);
      if (andList) await listing.mutateAsync({ id: saved.id, action: 'list' });
      void message.success(t(andList ? 'productForm.savedAndListed' : 'productForm.saved', { name: saved.name }));
      onDone();
    } catch (error) {
      setProblem(explain(error));
    }
  };

  const half = { xs: 24, sm: 12 };
  const busy = save.isPending || listing.isPending;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={editing.product ? formValuesOf(editing.product) : newProductValues}
      onFinish={(values) => void submit(values)}
      scrollToFirstError={{ block: 'center' }}
      data-testid="product-form"
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      {listed && <Alert type="info" showIcon title={t('productForm.listedNote')} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="name" label={t('product.name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={50} showCount />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="kind" label={t('product.kind')} rules={[{ required: true }]}>
            <Select options={productKinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t('productForm.terms')}</Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="minAmount" label={t('productForm.minAmount')}>
            <InputNumber<number> min={0} suffix={t('unit.wanShort')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="maxAmount"
            label={t('productForm.maxAmount')}
            dependencies={['minAmount']}
            rules={[notBelow('minAmount', t)]}
          >
            <InputNumber<number> min={0} suffix={t('unit.wanShort')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="minTermMonths" label={t('productForm.minTermMonths')}>
            <InputNumber<number> min={1} precision={0} suffix={t('unit.monthsShort')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="maxTermMonths"
            label={t('productForm.maxTermMonths')}
            dependencies={['minTermMonths']}
            rules={[notBelow('minTermMonths', t)]}
          >
            <InputNumber<number> min={1} precision={0} suffix={t('unit.monthsShort')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="minRate" label={t('productForm.minRate')}>
            <InputNumber<number> min={0.01} max={100} precision={2} step={0.05} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="maxRate"
            label={t('productForm.maxRate')}
            dependencies={['minRate']}
            rules={[notBelow('minRate', t)]}
          >
            <InputNumber<number> min={0.01} max={100} precision={2} step={0.05} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t('productForm.scope')}</Divider>
      <Form.Item name="customerTypes" label={t('product.customerTypes')}>
        <Checkbox.Group options={customerTypes.map((type) => ({ value: type, label: t(`customerType.${type}`) }))} />
      </Form.Item>
      <Form.Item name="allCounties" label={t('productForm.allCounties')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {!allCounties && (
        <Form.Item name="counties" label={t('product.counties')}>
          <CountySelect mode="multiple" within={counties} />
        </Form.Item>
      )}
      <Form.Item name="allIndustries" label={t('productForm.allIndustries')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {!allIndustries && (
        <Form.Item name="industries" label={t('product.industries')}>
          <IndustrySelect mode="multiple" />
        </Form.Item>
      )}
      <Divider titlePlacement="start">{t('productForm.presentation')}</Divider>
      <Form.Item name="requiredMaterials" label={t('product.requiredMaterials')} extra={t('productForm.materialsHint')}>
        <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', ';', '；']} suffixIcon={null} />
      </Form.Item>
      <Form.Item name="description" label={t('product.description')} extra={t('productForm.descriptionHint')}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={2000} showCount />
      </Form.Item>
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type={listed ? 'primary' : 'default'} loading={busy} onClick={() => submitWith(false)}>
          {t(listed ? 'common.save' : 'productForm.saveDraft')}
        </Button>
        {!listed && (
          <Button type="primary" loading={busy} onClick={() => submitWith(true)} data-testid="save-and-list">
            {t('productForm.saveAndList')}
          </Button>
        )}
      </Flex>
    </Form>
  );
}

/** Creates or edits a product of the institution, in a drawer (full width on phones). */
export function ProductFormDrawer({
  institutionId,
  editing,
  onClose,
}: {
  institutionId: string;
  editing: ProductEditing | null;
  onClose: () => void;
}) {
  const t = useT();
  const phone = Grid.useBreakpoint().md === false;
  // The form stays while the drawer slides shut; it is rebuilt at the next opening.
  const shown = useLastShown(editing);
  return (
    <Drawer
      open={editing !== null}
      onClose={onClose}
      destroyOnHidden
      size={phone ? '100%' : 720}
      title={shown?.product ? t('productForm.editTitle', { name: shown.product.name }) : t('productForm.newTitle')}
    >
      {shown && <ProductForm institutionId={institutionId} editing={shown} onDone={onClose} />}
    </Drawer>
  );
}
