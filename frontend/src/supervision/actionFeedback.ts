import { App } from 'antd';
import { describeError } from '../api/formErrors';
import { useT } from '../i18n/context';
import type { MessageKey } from '../i18n/messages';

/** What an action's dialog does when the call ends: says so and closes, or shows why it failed and stays. */
export function useActionFeedback(done: MessageKey, onClose: () => void) {
  const t = useT();
  const { message } = App.useApp();
  return {
    onSuccess: () => {
      void message.success(t(done));
      onClose();
    },
    onError: (error: unknown) => void message.error(describeError(error, t)),
  };
}
