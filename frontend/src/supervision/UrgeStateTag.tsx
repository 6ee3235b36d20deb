import { Tag } from 'antd';
import { useT } from '../i18n/context';
import type { UrgeState } from './queries';

const colors: Record<UrgeState, string> = { open: 'warning', acknowledged: 'processing', resolved: 'success' };

/** 待确认 / 已确认 / 已解决. */
export function UrgeStateTag({ state }: { state: UrgeState }) {
  const t = useT();
  return (
    <Tag color={colors[state]} data-testid="urge-state" data-state={state}>
      {t(`urgeState.${state}`)}
    </Tag>
  );
}
