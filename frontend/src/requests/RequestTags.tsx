import { Tag } from 'antd';
import { useT } from '../i18n/context';
import type { PoolTier, RequestStatus } from './loanRequest';
import { statusColors, tierColors } from './vocabulary';

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const t = useT();
  return (
    <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }} data-testid="request-status">
      {t(`requestStatus.${status}`)}
    </Tag>
  );
}

/** Who may claim it now: the directed product's bank alone (定向), the county's banks, or the whole city's. */
export function PoolTierTag({ tier }: { tier: PoolTier }) {
  const t = useT();
  return (
    <Tag color={tierColors[tier]} style={{ marginInlineEnd: 0 }}>
      {t(`poolTier.${tier}`)}
    </Tag>
  );
}
