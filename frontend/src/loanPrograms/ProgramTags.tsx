import { Tag } from 'antd';
import { PROGRAM_KINDS } from '@lcfin/backend/contract';
import { useT } from '../i18n/context';
import type { ProgramKind } from './program';

const kindColors: Record<ProgramKind, string> = {
  interest_subsidy: 'volcano',
  guarantee_fee_subsidy: 'gold',
  risk_compensation: 'green',
};

/** What a program means to a borrower, as a tag: 「可享贴息」「担保费补贴」「风险补偿」. */
export function ProgramKindTag({ kind }: { kind: ProgramKind }) {
  const t = useT();
  return (
    <Tag color={kindColors[kind]} style={{ marginInlineEnd: 0 }} data-testid="program-tag" data-kind={kind}>
      {t(`loanProgram.tag.${kind}`)}
    </Tag>
  );
}

/** One tag per kind of the programs given (two 贴息 programs make one 「可享贴息」), in the kinds' order. */
export function ProgramKindTags({ programs }: { programs: readonly { kind: ProgramKind }[] }) {
  const kinds = PROGRAM_KINDS.filter((kind) => programs.some((program) => program.kind === kind));
  return kinds.map((kind) => <ProgramKindTag key={kind} kind={kind} />);
}
