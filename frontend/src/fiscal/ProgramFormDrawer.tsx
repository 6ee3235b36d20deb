import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
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
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  CUSTOMER_TYPES,
  PARAMS_OF_KIND,
  PRODUCT_KINDS,
  PROGRAM_KINDS,
  type ProgramBody,
  type ProgramKind,
} from '@lcfin/backend/contract';
import { formProblem } from '../api/formErrors';
import { InstitutionSelect } from '../catalog/InstitutionSelect';
import { useI18n } from '../i18n/context';
import { wanToYuan, yuanToWan } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { useLastShown } from '../layout/useLastShown';
import { CountySelect } from '../reference/CountySelect';
import { IndustrySelect } from '../reference/IndustrySelect';
import { useRegionName } from '../supervision/useRegionName';
import { useChangeProgram, useCreateProgram, type Program } from './bureauQueries';

type Params = ProgramBody['params'];
type ParamField = keyof Params;
type Eligibility = NonNullable<ProgramBody['eligibility']>;

/**
 * The form keeps every field flat, under the name the API's error paths end with (`params.subsidyRatePct`
 * → subsidyRatePct, `eligibility.maxAmount` → maxAmount), so a 400 lands on its field. Large sums are
 * typed in 万元 as on the product form; the per-borrower cap, a few thousand yuan, in yuan.
 */
type FormValues = {
  kind: ProgramKind;
  name: string;
  policyRef?: string;
  budget: number;
  startsOn: Dayjs;
  endsOn: Dayjs;
  customerTypes?: Eligibility['customerTypes'];
  industries?: string[];
  counties?: string[];
  productKinds?: Eligibility['productKinds'];
  institutionIds?: string[];
  maxAmount?: number | null;
  maxTermMonths?: number | null;
  firstLoanOnly?: boolean;
} & { [K in ParamField]?: number | null };

/** Each parameter's input: its unit and the bounds the API sets (percentages with two decimals). */
const PARAM_INPUTS: Record<ParamField, { unit: 'percent' | 'yuan' | 'wan'; max?: number }> = {
  subsidyRatePct: { unit: 'percent', max: 10 },
  perBorrowerCapPerYear: { unit: 'yuan' },
  feeFloorPct: { unit: 'percent', max: 10 },
  feeSharePct: { unit: 'percent', max: 100 },
  feeCapPct: { unit: 'percent', max: 10 },
  lossSharePct: { unit: 'percent', max: 100 },
  capPerLoan: { unit: 'wan' },
};

const day = (value: Dayjs) => value.format('YYYY-MM-DD');
const nonEmpty = <T,>(list: T[] | undefined) => (list?.length ? list : undefined);
const present = (n: number | null | undefined) => (n === null || n === undefined ? undefined : n);

function toBody(values: FormValues): Omit<ProgramBody, 'kind' | 'region'> {
  const params: Params = {};
  for (const field of PARAMS_OF_KIND[values.kind].allowed) {
    const value = present(values[field]);
    if (value !== undefined) params[field] = PARAM_INPUTS[field].unit === 'wan' ? wanToYuan(value) : value;
  }
  const maxAmount = present(values.maxAmount);
  return {
    name: values.name.trim(),
    policyRef: values.policyRef?.trim() || undefined,
    budget: wanToYuan(values.budget),
    startsOn: day(values.startsOn),
    endsOn: day(values.endsOn),
    eligibility: {
      customerTypes: nonEmpty(values.customerTypes),
      industries: nonEmpty(values.industries),
      counties: nonEmpty(values.counties),
      productKinds: nonEmpty(values.productKinds),
      institutionIds: nonEmpty(values.institutionIds),
      maxAmount: maxAmount === undefined ? undefined : wanToYuan(maxAmount),
      maxTermMonths: present(values.maxTermMonths),
      firstLoanOnly: values.firstLoanOnly || undefined,
    },
    params,
  };
}

function initialValues(program: Program | null): Partial<FormValues> {
  if (!program) return { kind: 'interest_subsidy', firstLoanOnly: false };
  const { eligibility: e, params } = program;
  const paramValues: { [K in ParamField]?: number } = {};
  for (const [field, value] of Object.entries(params) as [ParamField, number | undefined][]) {
    if (value !== undefined) paramValues[field] = PARAM_INPUTS[field].unit === 'wan' ? yuanToWan(value) : value;
  }
  return {
    kind: program.kind,
    name: program.name,
    policyRef: program.policyRef ?? undefined,
    budget: yuanToWan(program.budget.budget),
    startsOn: dayjs(program.startsOn),
    endsOn: dayjs(program.endsOn),
    customerTypes: e.customerTypes,
    industries: e.industries,
    counties: e.counties,
    productKinds: e.productKinds,
    institutionIds: e.institutionIds,
    maxAmount: e.maxAmount === undefined ? undefined : yuanToWan(e.maxAmount),
    maxTermMonths: e.maxTermMonths,
    firstLoanOnly: e.firstLoanOnly ?? false,
    ...paramValues,
  };
}

function ProgramForm({ program, region, onDone }: { program: Program | null; region: string; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? program?.kind ?? 'interest_subsidy';
  const create = useCreateProgram();
  const change = useChangeProgram();
  const [problem, setProblem] = useState<string | null>(null);
  const half = { xs: 24, sm: 12 };
  const wan = t('unit.wanShort');

  const submit = async (values: FormValues) => {
    setProblem(null);
    try {
      const body = toBody(values);
      const saved = program
        ? await change.mutateAsync({ id: program.id, changes: body })
        : await create.mutateAsync({ ...body, kind: values.kind, region });
      void message.success(t(program ? 'programForm.saved' : 'programForm.created', { name: saved.name }));
      onDone();
    } catch (error) {
      setProblem(formProblem(form, error, t));
    }
  };

  const paramInput = (field: ParamField) => {
    const { unit, max } = PARAM_INPUTS[field];
    const required = PARAMS_OF_KIND[kind].required.includes(field);
    return (
      <Col {...half} key={field}>
        <Form.Item
          name={field}
          label={t(`programParam.${field}`)}
          extra={t(`programParam.${field}.hint`)}
          rules={
            required ? [{ required: true, message: t('validation.choose', { field: t(`programParam.${field}`) }) }] : []
          }
        >
          <InputNumber<number>
            min={unit === 'percent' ? 0.01 : 1}
            max={max}
            precision={unit === 'percent' ? 2 : unit === 'yuan' ? 0 : undefined}
            suffix={unit === 'percent' ? '%' : unit === 'wan' ? wan : t('fiscal.yuanUnit')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Col>
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initialValues(program)}
      onFinish={(values) => void submit(values)}
      data-testid="program-form"
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form.Item name="kind" label={t('programs.kind')} rules={[{ required: true }]}>
        <Select
          disabled={program !== null}
          options={PROGRAM_KINDS.map((k) => ({ value: k, label: t(`programKind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('programs.name')}
        rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="policyRef" label={t('programs.policyRef')} extra={t('programForm.policyRefHint')}>
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item name="budget" label={t('programs.budget')} rules={[{ required: true }]}>
            <InputNumber<number> min={0.0001} suffix={wan} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t('programs.region')}>
            <RegionName region={region} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="startsOn" label={t('programs.startsOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="endsOn"
            label={t('programs.endsOn')}
            dependencies={['startsOn']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) => {
                  const start = getFieldValue('startsOn') as Dayjs | undefined;
                  return value && start && value.isBefore(start, 'day')
                    ? Promise.reject(new Error(t('programForm.endBeforeStart')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('programForm.params', { kind: t(`programKind.${kind}`) })}</Divider>
      <Row gutter={12}>{PARAMS_OF_KIND[kind].allowed.map(paramInput)}</Row>
      {kind === 'guarantee_fee_subsidy' && (
        <Typography.Paragraph type="secondary">{t('programForm.feeShareOrCap')}</Typography.Paragraph>
      )}

      <Divider titlePlacement="start">{t('programForm.eligibility')}</Divider>
      <Typography.Paragraph type="secondary">{t('programForm.eligibilityHint')}</Typography.Paragraph>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item name="customerTypes" label={t('eligibility.customerTypes')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('eligibility.any')}
              options={CUSTOMER_TYPES.map((c) => ({ value: c, label: t(`customerType.${c}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="productKinds" label={t('eligibility.productKinds')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('eligibility.any')}
              options={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="industries" label={t('eligibility.industries')}>
            <IndustrySelect mode="multiple" allowClear placeholder={t('eligibility.any')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="counties" label={t('eligibility.counties')}>
            <CountySelect mode="multiple" allowClear placeholder={t('eligibility.any')} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="institutionIds" label={t('eligibility.institutions')}>
            <InstitutionSelect mode="multiple" allowClear placeholder={t('eligibility.any')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="maxAmount" label={t('eligibility.maxAmount')}>
            <InputNumber<number> min={0.0001} suffix={wan} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="maxTermMonths" label={t('eligibility.maxTermMonths')}>
            <InputNumber<number>
              min={1}
              max={360}
              precision={0}
              suffix={t('unit.monthsShort')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="firstLoanOnly" label={t('eligibility.firstLoanOnly')} valuePropName="checked">
        <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
      </Form.Item>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending || change.isPending}>
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}

function RegionName({ region }: { region: string }) {
  const regionName = useRegionName();
  return <Typography.Text data-testid="program-region">{regionName(region, region)}</Typography.Text>;
}

/** Which program the drawer edits (a draft); `program: null` drafts a new one in `region`. */
export interface ProgramEditing {
  program: Program | null;
}

/** Drafts a program of the bureau's region, or edits a draft (kind and region stay as drafted). */
export function ProgramFormDrawer({
  editing,
  region,
  onClose,
}: {
  editing: ProgramEditing | null;
  region: string;
  onClose: () => void;
}) {
  const t = useI18n().t;
  const shown = useLastShown(editing);
  const phone = Grid.useBreakpoint().md === false;
  const title: MessageKey = shown?.program ? 'programForm.editTitle' : 'programForm.createTitle';
  return (
    <Drawer
      open={editing !== null}
      onClose={onClose}
      destroyOnHidden
      size={phone ? '100%' : 640}
      title={t(title, { name: shown?.program?.name ?? '' })}
    >
      {shown && <ProgramForm program={shown.program} region={shown.program?.region ?? region} onDone={onClose} />}
    </Drawer>
  );
}
