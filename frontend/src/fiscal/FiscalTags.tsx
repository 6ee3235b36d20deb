import { Tag } from 'antd';
import type { ClaimStatus, ProgramKind, ProgramStatus } from '@lcfin/backend/contract';
import { useT } from '../i18n/context';

const kindColors: Record<ProgramKind, string> = {
  interest_subsidy: 'red',
  guarantee_fee_subsidy: 'gold',
  risk_compensation: 'geekblue',
};
const programStatusColors: Record<ProgramStatus, string> = { draft: 'default', active: 'success', closed: 'warning' };
const claimStatusColors: Record<ClaimStatus, string> = {
  submitted: 'processing',
  reviewed: 'cyan',
  approved: 'blue',
  paid: 'success',
  rejected: 'error',
};

/** 贴息 / 担保费补贴 / 风险补偿. */
export function ProgramKindTag({ kind }: { kind: ProgramKind }) {
  return <Tag color={kindColors[kind]}>{useT()(`programKind.${kind}`)}</Tag>;
}

export function ProgramStatusTag({ status }: { status: ProgramStatus }) {
  return <Tag color={programStatusColors[status]}>{useT()(`programStatus.${status}`)}</Tag>;
}

export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  return <Tag color={claimStatusColors[status]}>{useT()(`claimStatus.${status}`)}</Tag>;
}
