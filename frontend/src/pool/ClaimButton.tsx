import { ThunderboltOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useT } from '../i18n/context';

export function ClaimButton({ loading, onClick, block }: { loading: boolean; onClick: () => void; block?: boolean }) {
  const t = useT();
  return (
    <Button
      type="primary"
      icon={<ThunderboltOutlined />}
      loading={loading}
      onClick={onClick}
      block={block}
      data-testid="claim"
    >
      {t('pool.claim')}
    </Button>
  );
}
