import { Flex, Typography } from 'antd';
import { useT } from '../i18n/context';

/** The platform's emblem and name, as shown in the header and on the sign-in pages. */
export function Brand({ size = 28 }: { size?: number }) {
  const t = useT();
  return (
    <Flex align="center" gap={10} style={{ minWidth: 0 }}>
      <img src="/favicon.svg" alt="" width={size} height={size} style={{ flex: 'none' }} />
      <Typography.Text strong ellipsis style={{ fontSize: Math.round(size * 0.6), margin: 0, minWidth: 0 }}>
        {t('platform.name')}
      </Typography.Text>
    </Flex>
  );
}
