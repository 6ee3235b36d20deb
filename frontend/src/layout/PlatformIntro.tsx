import { FieldTimeOutlined, FileAddOutlined, ShopOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Flex, theme, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/context';
import type { MessageKey } from '../i18n/messages';

const servicePoints: {
  icon: ReactNode;
  title: MessageKey;
  text: MessageKey;
}[] = [
  { icon: <ShopOutlined />, title: 'intro.browse', text: 'intro.browseText' },
  { icon: <FileAddOutlined />, title: 'intro.order', text: 'intro.orderText' },
  {
    icon: <ThunderboltOutlined />,
    title: 'intro.grab',
    text: 'intro.grabText',
  },
  { icon: <FieldTimeOutlined />, title: 'intro.sla', text: 'intro.slaText' },
];

/** What the platform offers, beside the sign-in form on wide screens. */
export function PlatformIntro() {
  const t = useT();
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={28} style={{ maxWidth: 440 }}>
      <div>
        <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 8 }}>
          {t('platform.name')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 16 }}>
          {t('intro.tagline')}
        </Typography.Text>
      </div>
      {servicePoints.map((point) => (
        <Flex key={point.title} gap={14} align="flex-start">
          <span style={{ fontSize: 22, lineHeight: 1, color: token.colorPrimary }}>{point.icon}</span>
          <div>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t(point.title)}
            </Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {t(point.text)}
            </Typography.Paragraph>
          </div>
        </Flex>
      ))}
    </Flex>
  );
}
