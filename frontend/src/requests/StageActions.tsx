import { Button } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/context';
import type { LoanRequest, StageTarget } from './loanRequest';
import { StageModal } from './StageModal';
import { stageTargets } from './vocabulary';

/** The claiming officer's next steps for a request (联系, 调查, 审批通过, 拒绝, 放款), each a small form. */
export function StageActions({ request, size }: { request: LoanRequest; size?: 'small' }) {
  const t = useT();
  const [target, setTarget] = useState<StageTarget | null>(null);
  const targets = stageTargets(request.status);
  return (
    <>
      {targets.map((to, index) => (
        <Button
          key={to}
          size={size}
          type={index === 0 && to !== 'rejected' ? 'primary' : 'default'}
          danger={to === 'rejected'}
          onClick={() => setTarget(to)}
          data-testid={`stage-${to}`}
        >
          {t(`stage.${to}`)}
        </Button>
      ))}
      <StageModal request={request} to={target} onClose={() => setTarget(null)} />
    </>
  );
}
