import { App, Button, Flex, Popconfirm } from 'antd';
import { describeError } from '../api/formErrors';
import { useT } from '../i18n/context';
import { useProgramStep, type Program } from './bureauQueries';
import { useManages } from './scope';

/**
 * What the program's own bureau may do next: edit or activate a draft, close an active program. Both
 * steps ask first — activation enrols the loans already disbursed in the period, closing refuses new
 * claims — and neither can be undone.
 */
export function ProgramActions({ program, onEdit }: { program: Program; onEdit: (program: Program) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const manages = useManages();
  const step = useProgramStep();
  if (!manages(program.region) || program.status === 'closed') return null;
  const run = (action: 'activate' | 'close') =>
    step.mutate(
      { id: program.id, step: action },
      {
        onSuccess: () => void message.success(t(`programs.done.${action}`, { name: program.name })),
        onError: (error) => void message.error(describeError(error, t)),
      },
    );
  return (
    <Flex align="flex-start" wrap>
      {program.status === 'draft' && (
        <>
          <Button size="small" type="link" onClick={() => onEdit(program)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('programs.activateConfirm', { name: program.name })}
            description={t('programs.activateHint')}
            onConfirm={() => run('activate')}
          >
            <Button size="small" type="link" loading={step.isPending}>
              {t('programs.activate')}
            </Button>
          </Popconfirm>
        </>
      )}
      {program.status === 'active' && (
        <Popconfirm
          title={t('programs.closeConfirm', { name: program.name })}
          description={t('programs.closeHint')}
          okButtonProps={{ danger: true }}
          onConfirm={() => run('close')}
        >
          <Button size="small" type="link" danger loading={step.isPending}>
            {t('programs.close')}
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );
}
