import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/formErrors';
import { useI18n } from '../i18n/context';
import { downloadExport, type ExportFormat, type Report, type SupervisionFilter } from './queries';

/** The page's report, with its filters, as CSV or XLSX. */
export function ExportButtons({ report, filter }: { report: Report; filter: SupervisionFilter }) {
  const t = useI18n().t;
  const { message } = App.useApp();
  const [pending, setPending] = useState<ExportFormat | null>(null);
  const download = (format: ExportFormat) => {
    setPending(format);
    downloadExport(report, format, filter)
      .catch((error: unknown) => void message.error(describeError(error, t)))
      .finally(() => setPending(null));
  };
  return (
    <Space.Compact>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          icon={<DownloadOutlined />}
          loading={pending === format}
          onClick={() => download(format)}
          data-testid={`export-${format}`}
        >
          {`${t('export.button')} ${format.toUpperCase()}`}
        </Button>
      ))}
    </Space.Compact>
  );
}
