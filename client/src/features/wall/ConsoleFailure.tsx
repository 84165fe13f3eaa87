import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { useConsole } from './consoleStore';

/** Why the last wall command did not happen; it stays until the operator has read it. */
export function ConsoleFailure() {
  const { t } = useTranslation();
  const failure = useConsole((store) => store.failure);
  const dismiss = useConsole((store) => store.dismissFailure);
  if (!failure) return null;
  const message =
    failure.kind === 'timeout'
      ? t('console.errors.timeout')
      : failure.kind === 'offline'
        ? t('wallOps.stale.commandsOff')
        : t('console.errors.rejected', { error: describeError(failure.refusal, t) });
  return (
    <div className="command-error console-failure" role="alert" data-testid="console-error">
      <span className="command-error__message">{message}</span>
      <button type="button" className="button button--small button--quiet" onClick={dismiss}>
        {t('console.dismiss')}
      </button>
    </div>
  );
}
