import { transition, type Alarm, type AlarmCommand, type Disposition } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanSendCommands, useCommandsOffReason } from '../../realtime/useStale';
import { CommandErrorNotice } from './CommandErrorNotice';
import { ResolveDialog } from './ResolveDialog';
import { useAlarmCommands } from './useAlarmCommands';

const COMMANDS: readonly AlarmCommand[] = ['acknowledge', 'hold', 'resume', 'resolve'];

const TEST_IDS: Record<AlarmCommand, string> = {
  acknowledge: 'alarm-ack',
  hold: 'alarm-hold',
  resume: 'alarm-resume',
  resolve: 'alarm-resolve',
};

/**
 * The buttons the alarm's state allows (the shared state machine decides), and the last failure.
 * Without a connection they are disabled and say why, rather than spinning into a timeout.
 */
export function AlarmActions({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const commands = useAlarmCommands(alarm.id);
  const [resolving, setResolving] = useState(false);
  const canSend = useCanSendCommands();
  const offReason = useCommandsOffReason();
  const pending = commands.status?.phase === 'pending';
  const available = COMMANDS.filter((command) => transition(alarm.state, command).ok);

  const handleCommand = (command: AlarmCommand) => {
    if (command === 'resolve') setResolving(true);
    else commands.run(command);
  };
  const handleResolve = (disposition: Disposition, note: string) => {
    setResolving(false);
    commands.run('resolve', { disposition, note: note || undefined });
  };

  return (
    <div className="alarm-actions">
      <div className="alarm-actions__buttons">
        {available.map((command) => (
          <button
            key={command}
            type="button"
            className={`button alarm-actions__button alarm-actions__button--${command}`}
            data-testid={TEST_IDS[command]}
            disabled={pending || !canSend}
            title={canSend ? undefined : t('wallOps.stale.commandsOffHint')}
            onClick={() => handleCommand(command)}
          >
            {t(`alarms.actions.${command}`)}
          </button>
        ))}
        {pending && <span className="alarm-actions__pending">{t('alarms.actions.pending')}</span>}
        {!canSend && available.length > 0 && (
          <span className="alarm-actions__offline" data-testid="alarm-actions-offline">
            {t(offReason)}
          </span>
        )}
      </div>
      <CommandErrorNotice commands={commands} />
      {resolving && <ResolveDialog onConfirm={handleResolve} onClose={() => setResolving(false)} />}
    </div>
  );
}
