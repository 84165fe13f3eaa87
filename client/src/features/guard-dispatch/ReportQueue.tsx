import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { formatTime } from '../../i18n/format';
import { ICON_PATHS } from './AnswerLine';
import type { AnswerPhase } from './answerOutbox';
import type { QueuedReport, ReportPhase, ReportRefusal } from './reportOutbox';

/** The answer line's shapes and colours: a clock (waiting), an arrow out (sending), a tick (sent), a cross (failed). */
const LOOK: Record<ReportPhase, AnswerPhase> = { waiting: 'waiting', sending: 'sent', sent: 'received', failed: 'failed' };

/** Why a report was not taken, in the words of a report; other refusals as every screen says them. */
function whyRefused(error: ReportRefusal, t: TFunction): string {
  if (error.code === 'photo_lost') return t('dispatchPhone.report.why.photoLost');
  if (error.params.rule === 'incidentNotOpen') return t('dispatchPhone.report.why.incidentClosed');
  if (error.status === 413) return t('dispatchPhone.report.why.tooBig');
  if (error.status === 404) return t('dispatchPhone.report.why.notFound');
  return describeError(error, t);
}

function ReportLine({ report, onRetry, onDiscard }: { report: QueuedReport; onRetry: (commandId: string) => void; onDiscard: (commandId: string) => void }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const why = report.error ? whyRefused(report.error, t) : '';
  const status =
    report.phase === 'sent'
      ? t('dispatchPhone.report.queue.sent', { time: formatTime(report.sentAt ?? report.pressedAt, i18n.language) })
      : report.phase === 'waiting' && report.refusals > 0
        ? t('dispatchPhone.report.queue.retrying', { error: why })
        : t(`dispatchPhone.report.queue.${report.phase}`, { error: why });
  const look = LOOK[report.phase];
  const mayDiscard = report.phase === 'waiting' || report.phase === 'failed';
  return (
    <li
      className={`dispatch-answer dispatch-answer--${look} dispatch-report__line`}
      data-testid="dispatch-report-line"
      data-command-id={report.commandId}
      data-phase={report.phase}
      data-attempts={report.attempts}
    >
      <svg className="dispatch-answer__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d={ICON_PATHS[look]} fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span className="dispatch-answer__text">
        <strong role={report.phase === 'failed' ? 'alert' : 'status'} data-testid={`dispatch-report-${report.phase}`}>
          {status}
        </strong>
        <span className="dispatch-report__line-note">{report.note || t('dispatchPhone.report.queue.photoOnly')}</span>
        <small>
          {t('dispatchPhone.report.queue.pressed', { time: formatTime(report.pressedAt, i18n.language) })}
          {report.photoBytes !== null && ` · ${t('dispatchPhone.report.queue.withPhoto', { size: Math.max(1, Math.round(report.photoBytes / 1024)) })}`}
        </small>
      </span>
      {mayDiscard && !confirming && (
        <span className="dispatch-answer__buttons">
          {report.phase === 'failed' && (
            <button type="button" className="dispatch-answer__button" data-testid="dispatch-report-retry" onClick={() => onRetry(report.commandId)}>
              {t('dispatchPhone.report.queue.retry')}
            </button>
          )}
          <button type="button" className="dispatch-answer__button" data-testid="dispatch-report-discard" onClick={() => setConfirming(true)}>
            {t('dispatchPhone.report.queue.discard')}
          </button>
        </span>
      )}
      {mayDiscard && confirming && (
        <span className="dispatch-answer__buttons dispatch-report__confirm">
          <span>{t('dispatchPhone.report.queue.discardConfirm')}</span>
          <button type="button" className="dispatch-answer__button" data-testid="dispatch-report-discard-yes" onClick={() => onDiscard(report.commandId)}>
            {t('dispatchPhone.report.queue.discardYes')}
          </button>
          <button type="button" className="dispatch-answer__button" onClick={() => setConfirming(false)}>
            {t('dispatchPhone.report.queue.discardNo')}
          </button>
        </span>
      )}
    </li>
  );
}

/** The reports the guard pressed, newest first, each where it is on its way (reportOutbox.ts). */
export function ReportQueue({ reports, onRetry, onDiscard }: { reports: readonly QueuedReport[]; onRetry: (commandId: string) => void; onDiscard: (commandId: string) => void }) {
  const { t } = useTranslation();
  if (reports.length === 0) return null;
  return (
    <section className="dispatch-report__queue" aria-label={t('dispatchPhone.report.queue.title')} data-testid="dispatch-report-queue">
      <ol className="dispatch-report__lines">
        {[...reports].reverse().map((report) => (
          <ReportLine key={report.commandId} report={report} onRetry={onRetry} onDiscard={onDiscard} />
        ))}
      </ol>
    </section>
  );
}
