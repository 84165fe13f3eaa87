import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import type { AlarmCommands } from './useAlarmCommands';

/** Why the last command failed, with a retry that resends the same command id. */
export function CommandErrorNotice({ commands }: { commands: AlarmCommands }) {
  const { t } = useTranslation();
  const { status } = commands;
  if (status?.phase !== 'failed' || !status.failure) return null;
  const { failure } = status;
  const message =
    failure.kind === 'timeout'
      ? t('alarms.errors.timeout')
      : failure.kind === 'offline'
        ? t('wallOps.stale.commandsOff')
        : t('alarms.errors.rejected', { error: describeError(failure.refusal, t) });
  return (
    <div className="command-error" role="alert" data-testid="command-error">
      <span className="command-error__message">{message}</span>
      <button type="button" className="button button--small" onClick={commands.retry}>
        {t('alarms.actions.retry')}
      </button>
      <button type="button" className="button button--small button--quiet" onClick={commands.dismiss}>
        {t('alarms.actions.dismiss')}
      </button>
    </div>
  );
}
