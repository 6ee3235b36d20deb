import { ClockCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { SlaPreview as SlaPreviewAnswer } from '@lcfin/backend/contract';
import { Alert, Flex } from 'antd';
import { api } from '../api/client';
import { describeError } from '../api/formErrors';
import { useI18n } from '../i18n/context';
import { formatShanghaiTime } from '../i18n/format';
import { ProvisionalNote } from '../sla/Provisional';

const minute = 60_000;

/**
 * The 321 promise for a request placed now: 银行将在…前响应 (on the platform's clock), and whether that
 * is an estimate from the statutory holidays; kept current each minute.
 */
export function SlaPreview({ directed, institutionName }: { directed: boolean; institutionName?: string }) {
  const { t, language } = useI18n();
  const preview = useQuery({
    queryKey: ['sla', 'preview', directed],
    queryFn: () => {
      const params = new URLSearchParams({ at: new Date().toISOString(), directed: String(directed) });
      return api.get<SlaPreviewAnswer>(`/sla/preview?${params}`);
    },
    refetchInterval: minute,
    retry: false,
  });

  if (preview.isError) {
    // The promise cannot be computed (e.g. the server cannot be reached): say so; submitting still works.
    return <Alert type="warning" showIcon title={describeError(preview.error, t)} data-testid="sla-preview" />;
  }
  if (!preview.data) return null;
  const { respond, exclusiveUntil } = preview.data;
  const exclusive =
    exclusiveUntil && institutionName
      ? t('newRequest.slaExclusive', {
          institution: institutionName,
          time: formatShanghaiTime(exclusiveUntil, language),
        })
      : null;
  return (
    <Alert
      type="info"
      showIcon
      icon={<ClockCircleOutlined />}
      data-testid="sla-preview"
      title={t('newRequest.slaPromise', { time: formatShanghaiTime(respond.dueAt, language) })}
      description={
        exclusive || respond.provisional ? (
          <Flex vertical gap={4}>
            {exclusive}
            {respond.provisional && <ProvisionalNote />}
          </Flex>
        ) : undefined
      }
    />
  );
}
