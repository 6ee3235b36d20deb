import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Switch,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  BREACH_ACTIONS,
  type SlaDraftPreview,
  type SlaPolicy,
  type SlaPolicyInputType,
  type SlaPolicyVersion,
} from '@lcfin/backend/contract';
import { ApiError } from '../api/client';
import { describeError } from '../api/formErrors';
import { useI18n } from '../i18n/context';
import { formatDateTime, formatShanghaiTime } from '../i18n/format';
import { LoadFailed } from '../layout/LoadFailed';
import { PageLoading } from '../layout/PageLoading';
import { usePreviewPolicy, usePublishPolicy, useSlaPolicy, useSlaPolicyHistory } from './queries';
import { PageTitle } from '../layout/PageHeading';

/** The form's values: the policy, with the reminder point in percent and the lunch break switchable. */
interface PolicyForm {
  respond: number;
  exclusive: number;
  contact: number;
  decide: number;
  reminderPercent: number;
  officeStart: string;
  officeEnd: string;
  hasLunch: boolean;
  lunchStart?: string;
  lunchEnd?: string;
  breachActions: SlaPolicyInputType['breachActions'];
}

const BREACH_STAGES = ['respond', 'respondAgain', 'contact', 'decide'] as const;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function toForm(p: SlaPolicy): PolicyForm {
  return {
    respond: p.respond.workingHours,
    exclusive: p.exclusive.workingHours,
    contact: p.contact.workingDays,
    decide: p.decide.workingDays,
    reminderPercent: Math.round(p.reminderAt * 100),
    officeStart: p.officeHours.start,
    officeEnd: p.officeHours.end,
    hasLunch: p.officeHours.lunch !== null,
    lunchStart: p.officeHours.lunch?.start ?? '12:00',
    lunchEnd: p.officeHours.lunch?.end ?? '13:30',
    breachActions: p.breachActions,
  };
}

function toPolicy(f: PolicyForm): SlaPolicyInputType {
  return {
    respond: { workingHours: f.respond },
    exclusive: { workingHours: f.exclusive },
    contact: { workingDays: f.contact },
    decide: { workingDays: f.decide },
    reminderAt: f.reminderPercent / 100,
    officeHours: {
      start: f.officeStart,
      end: f.officeEnd,
      lunch: f.hasLunch ? { start: f.lunchStart ?? '', end: f.lunchEnd ?? '' } : null,
    },
    breachActions: f.breachActions,
  };
}

/** Where the API's field (`policy.exclusive.workingHours`, `officeHours.lunch`…) sits in the form. */
function formFieldOf(path: string): (string | number)[] | null {
  const parts = path.replace(/^policy\./, '').split('.');
  const [head, sub] = parts;
  if (head === 'respond' || head === 'exclusive' || head === 'contact' || head === 'decide') return [head];
  if (head === 'reminderAt') return ['reminderPercent'];
  if (head === 'officeHours') {
    if (sub === 'start') return ['officeStart'];
    if (sub === 'end') return ['officeEnd'];
    if (sub === 'lunch') return [parts[2] === 'start' ? 'lunchStart' : 'lunchEnd'];
  }
  if (head === 'breachActions' && sub) return ['breachActions', sub];
  return null;
}

/** SLA 策略: the 321 policy in force, a draft with the deadlines it would give, publishing, every version. */
export default function SlaPolicyPage() {
  const { t } = useI18n();
  const policy = useSlaPolicy();
  if (policy.isError) return <LoadFailed error={policy.error} onRetry={() => void policy.refetch()} />;
  if (!policy.data) return <PageLoading />;
  return (
    <Flex vertical gap={16}>
      <PageTitle>{t('nav.adminSlaPolicy')}</PageTitle>
      <PolicyEditor key={policy.data.version} policy={policy.data} />
      <PolicyHistory />
    </Flex>
  );
}

function PolicyEditor({ policy }: { policy: SlaPolicy }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PolicyForm>();
  const hasLunch = Form.useWatch('hasLunch', form);
  const preview = usePreviewPolicy();
  const publish = usePublishPolicy();
  const [problem, setProblem] = useState<string | null>(null);
  const [shownPreview, setShownPreview] = useState<SlaDraftPreview | null>(null);

  /** A 400's details go onto their fields; anything else above the form. */
  const showProblem = (error: unknown) => {
    if (error instanceof ApiError && error.status === 400) {
      const unmatched: string[] = [];
      const fields = error.details.flatMap((d) => {
        const name = formFieldOf(d.path);
        if (!name) unmatched.push(d.message);
        return name ? [{ name, errors: [d.message] }] : [];
      });
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setProblem(unmatched.join('; ') || null);
    } else setProblem(describeError(error, t));
  };

  const run = async (action: 'preview' | 'publish') => {
    setProblem(null);
    let values: PolicyForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      if (action === 'preview') setShownPreview(await preview.mutateAsync(toPolicy(values)));
      else {
        const published = await publish.mutateAsync(toPolicy(values));
        void message.success(t('policy.published', { version: published.version }));
      }
    } catch (error) {
      showProblem(error);
    }
  };

  const time = (iso: string) => formatShanghaiTime(iso, language);
  const hhmm = [{ required: true }, { pattern: HHMM, message: t('policy.hhmm') }];
  const number = (name: keyof PolicyForm, label: string, min: number, max: number, step: number) => (
    <Col xs={24} sm={12} lg={8}>
      <Form.Item name={name} label={label} rules={[{ required: true }]}>
        <InputNumber min={min} max={max} step={step} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={t('policy.current', { version: policy.version })}>
          <Form
            form={form}
            layout="vertical"
            initialValues={toForm(policy)}
            onValuesChange={() => setShownPreview(null)}
          >
            {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
            <Row gutter={16}>
              {number('respond', t('policy.respond'), 0.5, 40, 0.25)}
              {number('exclusive', t('policy.exclusive'), 0.25, 8, 0.25)}
              {number('contact', t('policy.contact'), 1, 30, 1)}
              {number('decide', t('policy.decide'), 1, 60, 1)}
              {number('reminderPercent', t('policy.reminder'), 1, 99, 1)}
            </Row>
            <Row gutter={16}>
              <Col xs={12} lg={6}>
                <Form.Item name="officeStart" label={t('policy.officeStart')} rules={hhmm}>
                  <Input placeholder="09:00" />
                </Form.Item>
              </Col>
              <Col xs={12} lg={6}>
                <Form.Item name="officeEnd" label={t('policy.officeEnd')} rules={hhmm}>
                  <Input placeholder="17:00" />
                </Form.Item>
              </Col>
              <Col xs={24} lg={12}>
                <Flex gap={8} align="flex-start">
                  <Form.Item name="hasLunch" label={t('policy.lunch')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                  {hasLunch && (
                    <>
                      <Form.Item name="lunchStart" label={t('policy.lunchStart')} rules={hhmm}>
                        <Input placeholder="12:00" />
                      </Form.Item>
                      <Form.Item name="lunchEnd" label={t('policy.lunchEnd')} rules={hhmm}>
                        <Input placeholder="13:30" />
                      </Form.Item>
                    </>
                  )}
                </Flex>
              </Col>
            </Row>
            <Typography.Title level={5}>{t('policy.breachActions')}</Typography.Title>
            <Row gutter={16}>
              {BREACH_STAGES.map((stage) => (
                <Col xs={24} md={12} key={stage}>
                  <Form.Item name={['breachActions', stage]} label={t(`policy.stage.${stage}`)}>
                    <Select
                      mode="multiple"
                      options={BREACH_ACTIONS.map((a) => ({ value: a, label: t(`policy.action.${a}`) }))}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Flex gap={8} justify="flex-end" wrap>
              <Button data-testid="preview-policy" onClick={() => void run('preview')} loading={preview.isPending}>
                {t('policy.preview')}
              </Button>
              <Popconfirm
                title={t('policy.publishConfirm')}
                description={t('policy.publishNote')}
                onConfirm={() => void run('publish')}
              >
                <Button type="primary" data-testid="publish-policy" loading={publish.isPending}>
                  {t('policy.publish')}
                </Button>
              </Popconfirm>
            </Flex>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('policy.previewTitle')} data-testid="policy-preview">
          {shownPreview ? (
            <Flex vertical gap={12}>
              <Table
                rowKey="stage"
                size="small"
                pagination={false}
                dataSource={(['respond', 'contact', 'decide'] as const).map((stage) => ({
                  stage,
                  ...shownPreview[stage],
                }))}
                columns={[
                  { key: 'stage', title: t('policy.previewStage'), render: (_, r) => t(`slaStage.${r.stage}`) },
                  { key: 'remind', title: t('policy.previewRemind'), render: (_, r) => time(r.remindAt) },
                  {
                    key: 'due',
                    title: t('policy.previewDue'),
                    render: (_, r) => <span data-testid={`preview-due-${r.stage}`}>{time(r.dueAt)}</span>,
                  },
                ]}
              />
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'start', label: t('policy.previewStart'), children: time(shownPreview.respond.startsAt) },
                  {
                    key: 'exclusive',
                    label: t('policy.previewExclusive'),
                    children: time(shownPreview.exclusiveUntil),
                  },
                ]}
              />
            </Flex>
          ) : (
            <Typography.Text type="secondary">{t('policy.previewEmpty')}</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}

function PolicyHistory() {
  const { t, language } = useI18n();
  const phone = Grid.useBreakpoint().md === false;
  const history = useSlaPolicyHistory();
  const windows = (v: SlaPolicyVersion) =>
    t('policy.windowsValue', {
      respond: v.respond.workingHours,
      exclusive: v.exclusive.workingHours,
      contact: v.contact.workingDays,
      decide: v.decide.workingDays,
    });
  const hours = (v: SlaPolicyVersion) =>
    `${v.officeHours.start}–${v.officeHours.end}` +
    (v.officeHours.lunch ? ` (${v.officeHours.lunch.start}–${v.officeHours.lunch.end})` : '');
  const columns: TableColumnsType<SlaPolicyVersion> = [
    { key: 'version', title: t('policy.version'), render: (_, v) => `v${v.version}` },
    ...(phone
      ? [
          {
            key: 'summary',
            title: t('policy.windows'),
            render: (_: unknown, v: SlaPolicyVersion) => (
              <Flex vertical>
                <span>{windows(v)}</span>
                <Typography.Text type="secondary">{formatDateTime(v.createdAt, language)}</Typography.Text>
              </Flex>
            ),
          },
        ]
      : [
          { key: 'windows', title: t('policy.windows'), render: (_: unknown, v: SlaPolicyVersion) => windows(v) },
          {
            key: 'reminder',
            title: t('policy.reminder'),
            render: (_: unknown, v: SlaPolicyVersion) => `${Math.round(v.reminderAt * 100)}%`,
          },
          { key: 'hours', title: t('policy.officeHours'), render: (_: unknown, v: SlaPolicyVersion) => hours(v) },
          {
            key: 'at',
            title: t('policy.publishedAt'),
            render: (_: unknown, v: SlaPolicyVersion) => formatDateTime(v.createdAt, language),
          },
          {
            key: 'by',
            title: t('policy.publishedBy'),
            render: (_: unknown, v: SlaPolicyVersion) => v.createdBy ?? t('policy.systemDefault'),
          },
        ]),
  ];
  return (
    <Card title={t('policy.history')}>
      <Table
        data-testid="policy-history"
        rowKey="version"
        size="small"
        columns={columns}
        dataSource={history.data}
        loading={history.isFetching}
        locale={history.isError ? { emptyText: describeError(history.error, t) } : undefined}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
      />
    </Card>
  );
}
