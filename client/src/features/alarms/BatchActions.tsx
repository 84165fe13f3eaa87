import { transition, type Alarm, type AlarmCommand, type Disposition } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtime } from '../../realtime/RealtimeContext';
import { useCanSendCommands } from '../../realtime/useStale';
import { useCheckedAlarms } from './checkedAlarmsStore';
import { ResolveDialog } from './ResolveDialog';
import { runBatch } from './batchCommands';

type BatchReport = { phase: 'sending'; total: number } | { phase: 'done'; total: number; failed: number };

/**
 * Acknowledge or resolve every ticked alarm the state machine allows (see runBatch). An alarm
 * whose command fails shows it on its own row, with a retry; the bar says how many failed.
 */
export function BatchActions({ open }: { open: readonly Alarm[] }) {
  const { t } = useTranslation();
  const realtime = useRealtime();
  const canSend = useCanSendCommands();
  const checkedIds = useCheckedAlarms((store) => store.checked);
  const clear = useCheckedAlarms((store) => store.clear);
  const [resolving, setResolving] = useState(false);
  const [report, setReport] = useState<BatchReport | null>(null);

  const checked = open.filter((alarm) => checkedIds.includes(alarm.id));
  const allowing = (command: AlarmCommand) => checked.filter((alarm) => transition(alarm.state, command).ok);
  const toAcknowledge = allowing('acknowledge');
  const toResolve = allowing('resolve');
  if (checked.length === 0 && report?.phase !== 'done') return null;

  const run = async (alarms: readonly Alarm[], command: AlarmCommand, options: { disposition?: Disposition; note?: string } = {}) => {
    setReport({ phase: 'sending', total: alarms.length });
    const { total, failed } = await runBatch(
      realtime,
      alarms.map((alarm) => alarm.id),
      command,
      options,
    );
    setReport({ phase: 'done', total, failed: failed.length });
  };
  const handleResolve = (disposition: Disposition, note: string) => {
    setResolving(false);
    void run(toResolve, 'resolve', { disposition, note: note || undefined });
  };
  const sending = report?.phase === 'sending';
  const reason = canSend ? undefined : t('wallOps.stale.commandsOffHint');

  return (
    <div className="batch-actions" data-testid="batch-actions" role="group" aria-label={t('wallOps.batch.selected', { count: checked.length })}>
      <span className="batch-actions__count" data-testid="batch-count">
        {t('wallOps.batch.selected', { count: checked.length })}
      </span>
      <button
        type="button"
        className="button button--small alarm-actions__button--acknowledge"
        data-testid="batch-ack"
        disabled={!canSend || sending || toAcknowledge.length === 0}
        title={reason}
        onClick={() => void run(toAcknowledge, 'acknowledge')}
      >
        {t('wallOps.batch.acknowledge', { count: toAcknowledge.length })}
      </button>
      <button
        type="button"
        className="button button--small alarm-actions__button--resolve"
        data-testid="batch-resolve"
        disabled={!canSend || sending || toResolve.length === 0}
        title={reason}
        onClick={() => setResolving(true)}
      >
        {t('wallOps.batch.resolve', { count: toResolve.length })}
      </button>
      <button type="button" className="button button--small button--quiet" data-testid="batch-clear" onClick={() => (clear(), setReport(null))}>
        {t('wallOps.batch.clear')}
      </button>
      {report && (
        <span className={`batch-actions__report${report.phase === 'done' && report.failed > 0 ? ' batch-actions__report--failed' : ''}`} data-testid="batch-report" role="status">
          {report.phase === 'sending'
            ? t('wallOps.batch.sending', { count: report.total })
            : report.failed > 0
              ? t('wallOps.batch.failed', { failed: report.failed, total: report.total })
              : t('wallOps.batch.done', { count: report.total })}
        </span>
      )}
      {resolving && (
        <ResolveDialog title={t('wallOps.batch.resolveTitle', { count: toResolve.length })} onConfirm={handleResolve} onClose={() => setResolving(false)} />
      )}
    </div>
  );
}
