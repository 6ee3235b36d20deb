import { MenuOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Flex, Layout } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/context';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { headerContentTheme } from '../theme';

/** The dark header: brand, language switch and the account area (`children`); a menu button when `onOpenNav`. */
export function AppHeader({
  compact,
  onOpenNav,
  children,
}: {
  compact: boolean;
  onOpenNav?: () => void;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Layout.Header style={{ position: 'sticky', top: 0, zIndex: 10, display: 'flex' }}>
      <ConfigProvider theme={headerContentTheme}>
        <Flex align="center" justify="space-between" gap={12} style={{ width: '100%', minWidth: 0 }}>
          <Flex align="center" gap={4} style={{ minWidth: 0 }}>
            {compact && onOpenNav && (
              <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.open')} onClick={onOpenNav} />
            )}
            <Brand size={compact ? 24 : 30} />
          </Flex>
          <Flex align="center" gap={compact ? 0 : 8} style={{ flex: 'none' }}>
            <LanguageSwitch compact={compact} />
            {children}
          </Flex>
        </Flex>
      </ConfigProvider>
    </Layout.Header>
  );
}
