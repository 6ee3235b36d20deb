import { DownloadOutlined } from '@ant-design/icons';
import type { Format } from '@lcfin/backend/contract';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/formErrors';
import { useI18n } from '../i18n/context';

/** 导出 CSV / 导出 XLSX: `download` fetches the file in that format; a failure is told in a message. */
export function ExportButtons({ download }: { download: (format: Format) => Promise<void> }) {
  const t = useI18n().t;
  const { message } = App.useApp();
  const [pending, setPending] = useState<Format | null>(null);
  const start = (format: Format) => {
    setPending(format);
    download(format)
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
          onClick={() => start(format)}
          data-testid={`export-${format}`}
        >
          {`${t('export.button')} ${format.toUpperCase()}`}
        </Button>
      ))}
    </Space.Compact>
  );
}
