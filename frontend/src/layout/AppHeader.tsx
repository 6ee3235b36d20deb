import { MenuOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Flex, Layout } from 'antd';
import { useT } from '../i18n/context';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { headerContentTheme } from '../theme';
import { UserMenu } from './UserMenu';

export function AppHeader({ compact, onOpenNav }: { compact: boolean; onOpenNav: () => void }) {
  const t = useT();
  return (
    <Layout.Header style={{ position: 'sticky', top: 0, zIndex: 10, display: 'flex' }}>
      <ConfigProvider theme={headerContentTheme}>
        <Flex align="center" justify="space-between" gap={12} style={{ width: '100%', minWidth: 0 }}>
          <Flex align="center" gap={4} style={{ minWidth: 0 }}>
            {compact && <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.open')} onClick={onOpenNav} />}
            <Brand size={compact ? 24 : 30} />
          </Flex>
          <Flex align="center" gap={compact ? 0 : 8} style={{ flex: 'none' }}>
            <LanguageSwitch compact={compact} />
            <UserMenu compact={compact} />
          </Flex>
        </Flex>
      </ConfigProvider>
    </Layout.Header>
  );
}
