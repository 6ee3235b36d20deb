import { Alert, Card, Flex, Segmented } from 'antd';
import { CLAIM_STATUSES, type ClaimStatus } from '@lcfin/backend/contract';
import { useT } from '../i18n/context';
import { PageHeading } from '../layout/PageHeading';
import { useClaims } from './bureauQueries';
import { ClaimsTable } from './ClaimsTable';
import { useAddressFilter } from './useAddressFilter';

/**
 * 补贴审核: the claims on the bureau's programs, by the step they wait for — 初审, 复核 by a second
 * person, payment — with the paid and rejected ones behind.
 */
export default function ClaimsPage() {
  const t = useT();
  const address = useAddressFilter();
  const status = address.pick('status', CLAIM_STATUSES);
  const claims = useClaims({ status, page: address.page });
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('nav.bureauClaims')} subtitle={t('claims.subtitle')} />
      <Alert type="info" showIcon title={t('claims.twoPersonRule')} description={t('claims.twoPersonRuleText')} />
      <Segmented<ClaimStatus | 'all'>
        options={[
          ...CLAIM_STATUSES.map((s) => ({ value: s, label: t(`claims.queue.${s}`) })),
          { value: 'all' as const, label: t('claims.queue.all') },
        ]}
        value={status ?? 'all'}
        onChange={(next) => address.set('status', next === 'all' ? undefined : next)}
        data-testid="claim-status"
        style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
      />
      <Card size="small">
        <ClaimsTable
          claims={claims}
          page={address.page}
          onPage={address.setPage}
          empty={t(status ? `claims.empty.${status}` : 'claims.empty.all')}
        />
      </Card>
    </Flex>
  );
}
