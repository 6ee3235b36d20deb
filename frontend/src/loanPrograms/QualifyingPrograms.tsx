import { Empty, Flex, List, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/context';
import { formatFen } from '../i18n/format';
import { quarterlySubsidyFen } from './estimate';
import type { Program } from './program';
import { ProgramKindTag } from './ProgramTags';
import { useProgramTerms } from './useProgramTerms';

/**
 * The active programs a loan would qualify for, each with its terms and, for 贴息, what it would save
 * a quarter on `principal` yuan at `annualRate` (the product's lowest, which bounds the subsidy).
 */
export function QualifyingPrograms({
  programs,
  principal,
  annualRate,
  footer,
}: {
  programs: readonly Program[];
  principal: number | undefined;
  annualRate: number | null;
  /** How the figures were worked out, or a control to change them. */
  footer?: ReactNode;
}) {
  const { t, language } = useI18n();
  const terms = useProgramTerms();
  return (
    <Flex vertical gap={8} data-testid="qualifying-programs">
      <List
        size="small"
        dataSource={programs as Program[]}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('loanProgram.noneQualifies')} />,
        }}
        renderItem={(program) => {
          const saving = principal ? quarterlySubsidyFen(program, principal, annualRate) : null;
          return (
            <List.Item data-testid="qualifying-program" style={{ paddingInline: 0 }}>
              <Flex vertical gap={4} style={{ minWidth: 0 }}>
                <Flex gap={8} align="center" wrap>
                  <ProgramKindTag kind={program.kind} />
                  <Typography.Text strong>{program.name}</Typography.Text>
                  <Typography.Text type="secondary">{program.regionName}</Typography.Text>
                </Flex>
                <Typography.Text type="secondary">{terms(program)}</Typography.Text>
                {saving !== null && (
                  <Typography.Text strong style={{ color: '#d4380d' }} data-testid="subsidy-estimate">
                    {t('loanProgram.quarterlyEstimate', { amount: formatFen(saving, language) })}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          );
        }}
      />
      {footer}
    </Flex>
  );
}
