import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Grid, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  AGRICULTURAL_ENTITY_TYPES,
  CERTIFICATIONS,
  INCOME_BANDS,
  TAX_CREDIT_RATINGS,
  type ProfileInputBody,
} from '@lcfin/backend/contract';
import { formProblem } from '../api/formErrors';
import { useT } from '../i18n/context';
import { wanToYuan, yuanToWan } from '../i18n/format';
import { useSaveProfile, type ProfileViewType } from './queries';

type Fields = ProfileViewType['fields'];
type Kind = ProfileViewType['kind'];

/** What the form holds: money in 万元, days as dayjs; the API takes yuan and YYYY-MM-DD. */
interface FormValues {
  registeredCapital?: number;
  establishedOn?: Dayjs;
  legalRepresentative?: string;
  employees?: number;
  lastYearRevenue?: number;
  totalAssets?: number;
  totalLiabilities?: number;
  mainBusiness?: string;
  existingLoans?: { bank?: string; balance?: number; maturesOn?: Dayjs }[];
  collateralOnOffer?: string;
  certifications?: string[];
  taxCreditRating?: string;
  occupation?: string;
  incomeBand?: string;
  landContractArea?: number;
  agriculturalEntityType?: string;
}

const MONEY = ['registeredCapital', 'lastYearRevenue', 'totalAssets', 'totalLiabilities'] as const;
const wide = { width: '100%' };

/** The form's starting values: what the applicant declared (imported values are not theirs to edit). */
function initialValues(fields: Fields): FormValues {
  const declared = Object.fromEntries(
    Object.entries(fields)
      .filter(([, field]) => field?.source === 'self')
      .map(([name, field]) => [name, field!.value]),
  ) as Record<string, unknown>;
  const values = { ...declared } as FormValues & Record<string, unknown>;
  for (const name of MONEY) if (typeof declared[name] === 'number') values[name] = yuanToWan(declared[name]);
  if (typeof declared.establishedOn === 'string') values.establishedOn = dayjs(declared.establishedOn);
  const loans = declared.existingLoans as { bank: string; balance: number; maturesOn: string }[] | undefined;
  if (loans) {
    values.existingLoans = loans.map((l) => ({
      bank: l.bank,
      balance: yuanToWan(l.balance),
      maturesOn: dayjs(l.maturesOn),
    }));
  }
  return values;
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && !value.trim());

/** The body of `PUT /me/profile`: every field the form holds a value for, in the API's units. */
function toInput(values: FormValues): ProfileInputBody {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (blank(value)) continue;
    input[name] = value;
  }
  for (const name of MONEY)
    if (values[name] !== undefined && values[name] !== null) input[name] = wanToYuan(values[name]);
  if (values.establishedOn) input.establishedOn = values.establishedOn.format('YYYY-MM-DD');
  if (values.existingLoans) {
    input.existingLoans = values.existingLoans.map((loan) => ({
      bank: loan.bank?.trim() ?? '',
      balance: loan.balance === undefined ? 0 : wanToYuan(loan.balance),
      maturesOn: loan.maturesOn?.format('YYYY-MM-DD') ?? '',
    }));
  }
  return input as ProfileInputBody;
}

function EnterpriseFields({ ratingImported }: { ratingImported: boolean }) {
  const t = useT();
  const label = (name: string) => t(`applicantProfile.field.${name}` as Parameters<typeof t>[0]);
  const wan = t('unit.wanShort');
  return (
    <>
      <Form.Item name="registeredCapital" label={label('registeredCapital')}>
        <InputNumber<number> min={0} suffix={wan} style={wide} />
      </Form.Item>
      <Form.Item name="establishedOn" label={label('establishedOn')}>
        <DatePicker style={wide} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="legalRepresentative" label={label('legalRepresentative')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="employees" label={label('employees')}>
        <InputNumber<number> min={0} precision={0} suffix={t('applicantProfile.people')} style={wide} />
      </Form.Item>
      <Form.Item name="lastYearRevenue" label={label('lastYearRevenue')}>
        <InputNumber<number> min={0} suffix={wan} style={wide} />
      </Form.Item>
      <Form.Item name="totalAssets" label={label('totalAssets')}>
        <InputNumber<number> min={0} suffix={wan} style={wide} />
      </Form.Item>
      <Form.Item name="totalLiabilities" label={label('totalLiabilities')}>
        <InputNumber<number> min={0} suffix={wan} style={wide} />
      </Form.Item>
      <Form.Item name="mainBusiness" label={label('mainBusiness')}>
        <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item label={label('existingLoans')}>
        <Form.List name="existingLoans">
          {(loans, { add, remove }) => (
            <Flex vertical gap={8}>
              {loans.map((loan, i) => (
                <Flex key={loan.key} gap={8} align="baseline" wrap>
                  <Form.Item name={[loan.name, 'bank']} noStyle>
                    <Input
                      placeholder={t('applicantProfile.loan.bank')}
                      aria-label={`${t('applicantProfile.loan.bank')} ${i + 1}`}
                      style={{ flex: '2 1 140px' }}
                    />
                  </Form.Item>
                  <Form.Item name={[loan.name, 'balance']} noStyle>
                    <InputNumber<number>
                      min={0}
                      placeholder={t('applicantProfile.loan.balance')}
                      aria-label={`${t('applicantProfile.loan.balance')} ${i + 1}`}
                      style={{ flex: '1 1 110px' }}
                    />
                  </Form.Item>
                  <Form.Item name={[loan.name, 'maturesOn']} noStyle>
                    <DatePicker
                      placeholder={t('applicantProfile.loan.maturesOn')}
                      aria-label={`${t('applicantProfile.loan.maturesOn')} ${i + 1}`}
                      style={{ flex: '1 1 130px' }}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('applicantProfile.removeLoan')}
                    onClick={() => remove(loan.name)}
                  />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {t('applicantProfile.addLoan')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="collateralOnOffer" label={label('collateralOnOffer')}>
        <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Form.Item name="certifications" label={label('certifications')}>
        <Select mode="multiple" options={CERTIFICATIONS.map((c) => ({ value: c, label: t(`certification.${c}`) }))} />
      </Form.Item>
      {/* An imported rating is the tax authority's: the applicant's own would only be hidden behind it. */}
      {!ratingImported && (
        <Form.Item name="taxCreditRating" label={label('taxCreditRating')}>
          <Select allowClear options={TAX_CREDIT_RATINGS.map((r) => ({ value: r, label: r }))} />
        </Form.Item>
      )}
    </>
  );
}

function IndividualFields() {
  const t = useT();
  const label = (name: string) => t(`applicantProfile.field.${name}` as Parameters<typeof t>[0]);
  return (
    <>
      <Form.Item name="occupation" label={label('occupation')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="incomeBand" label={label('incomeBand')}>
        <Select allowClear options={INCOME_BANDS.map((b) => ({ value: b, label: t(`incomeBand.${b}`) }))} />
      </Form.Item>
      <Form.Item name="landContractArea" label={label('landContractArea')}>
        <InputNumber<number> min={0} max={100_000} suffix={t('applicantProfile.mu')} style={wide} />
      </Form.Item>
      <Form.Item name="agriculturalEntityType" label={label('agriculturalEntityType')}>
        <Select
          allowClear
          options={AGRICULTURAL_ENTITY_TYPES.map((type) => ({
            value: type,
            label: t(`agriculturalEntityType.${type}`),
          }))}
        />
      </Form.Item>
    </>
  );
}

/** Edits what the applicant declares; the server dates each changed field today. */
export function ProfileDrawer({
  open,
  onClose,
  fields,
  kind,
}: {
  open: boolean;
  onClose: () => void;
  fields: Fields;
  kind: Kind;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveProfile();
  const [problem, setProblem] = useState<string | null>(null);
  const phone = Grid.useBreakpoint().md === false;

  const submit = (values: FormValues) => {
    setProblem(null);
    save.mutate(toInput(values), {
      onSuccess: () => {
        void message.success(t('applicantProfile.saved'));
        onClose();
      },
      onError: (error) => setProblem(formProblem(form, error, t)),
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      destroyOnHidden
      title={t('applicantProfile.editTitle')}
      size={phone ? '100%' : 640}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initialValues(fields)}>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        {kind === 'enterprise' ? (
          <EnterpriseFields ratingImported={fields.taxCreditRating?.source === 'import'} />
        ) : (
          <IndividualFields />
        )}
      </Form>
    </Drawer>
  );
}
