import { Card, Flex, Grid, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/context';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';
import { PlatformIntro } from './PlatformIntro';
import { PageTitle } from './PageHeading';

/** The frame of the sign-in and registration pages: brand, a titled card, and on wide screens the platform's offer. */
export function AuthLayout({ title, width, children }: { title: string; width: number; children: ReactNode }) {
  const t = useT();
  const wide = Grid.useBreakpoint().lg === true;
  return (
    <Flex
      vertical
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(160deg, #e3ecfa 0%, #f3f6fb 50%, #ffffff 100%)',
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '12px 16px' }}>
        <Brand />
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} align="center" justify="center" gap={72} style={{ padding: '16px 12px 40px' }}>
        {wide && <PlatformIntro />}
        <Flex vertical align="center" style={{ width: '100%', maxWidth: width }}>
          <Card style={{ width: '100%' }} styles={{ body: { padding: '28px 24px' } }}>
            <PageTitle style={{ marginBottom: 24, textAlign: 'center' }}>{title}</PageTitle>
            {children}
          </Card>
          {!wide && (
            <Typography.Text type="secondary" style={{ marginTop: 20, textAlign: 'center' }}>
              {t('platform.slogan')}
            </Typography.Text>
          )}
        </Flex>
      </Flex>
    </Flex>
  );
}
