import { Card, Flex, Typography } from 'antd';
import { AGREEMENT_VERSION } from '@lcfin/backend/contract';
import { useT } from '../i18n/context';
import type { MessageKey } from '../i18n/messages';
import { PageTitle } from '../layout/PageHeading';

const sections = ['s1', 's2', 's3', 's4', 's5'] as const;

/** 用户协议 (/terms) and 隐私政策 (/privacy), in the version registration records consent to. Public. */
export default function AgreementPage({ document }: { document: 'terms' | 'privacy' }) {
  const t = useT();
  const key = (part: string) => `${document}.${part}` as MessageKey;
  return (
    <Flex justify="center">
      <Card style={{ width: '100%', maxWidth: 820 }} data-testid={`agreement-${document}`}>
        <Typography>
          <PageTitle size={2}>{t(key('title'))}</PageTitle>
          <Typography.Text type="secondary">{t('agreement.version', { version: AGREEMENT_VERSION })}</Typography.Text>
          <Typography.Paragraph style={{ marginTop: 16 }}>{t(key('intro'))}</Typography.Paragraph>
          {sections.map((section) => (
            <section key={section}>
              <Typography.Title level={4}>{t(key(`${section}.title`))}</Typography.Title>
              <Typography.Paragraph>{t(key(`${section}.body`))}</Typography.Paragraph>
            </section>
          ))}
        </Typography>
      </Card>
    </Flex>
  );
}
