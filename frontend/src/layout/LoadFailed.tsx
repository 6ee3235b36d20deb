import { Button, Result } from 'antd';
import { describeError } from '../api/formErrors';
import { useT } from '../i18n/context';

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('error.loadFailed')}
      subTitle={describeError(error, t)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('error.retry')}
        </Button>
      }
    />
  );
}
