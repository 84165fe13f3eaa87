import { can, type Handover, type HandoverSummary } from '@vigil/shared';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { useSession } from '../auth/sessionStore';
import { acknowledgeHandover, fetchHandoverPreview, fetchHandovers, openHandover, type DutyOfficer } from './handoverApi';
import { HandoverSummaryView } from './HandoverSummaryView';
import './handover.css';

/** How often the panel reads the site's handovers again (one small query). */
const REFRESH_MS = 15_000;

type Dialog = { kind: 'compose' } | { kind: 'acknowledge'; handover: Handover } | null;

function useFormatTime() {
  const { i18n } = useTranslation();
  const format = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }), [i18n.language]);
  return useCallback((iso: string) => format.format(new Date(iso)), [format]);
}

/**
 * Shift handover (交接班) on the console and the command screen: the outgoing officer hands over
 * (the server sums up what is open), the incoming one sees the waiting handover and acknowledges
 * it; the past ones are listed below.
 */
export function HandoverPanel({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const user = useSession((session) => session.user);
  const formatTime = useFormatTime();
  const [handovers, setHandovers] = useState<Handover[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [showHistory, setShowHistory] = useState(false);

  const refresh = useCallback(() => {
    fetchHandovers(siteId).then(
      (list) => {
        setHandovers(list);
        setLoadError(null);
      },
      (error: unknown) => setLoadError(describeError(error, t)),
    );
  }, [siteId, t]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  if (!user || !can(user.role, 'shift.handover')) return null;
  const pending = handovers?.find((handover) => handover.acknowledgedAt === null) ?? null;
  const past = handovers?.filter((handover) => handover.acknowledgedAt !== null) ?? [];
  const mine = pending?.from.id === user.id;
  const forMe = pending !== null && !mine && (pending.to === null || pending.to.id === user.id);
  const done = (changed: Handover) => {
    setDialog(null);
    setHandovers((list) => [changed, ...(list ?? []).filter((handover) => handover.id !== changed.id)]);
    refresh();
  };

  return (
    <section className="console-panel handover-panel" aria-labelledby="handover-title" data-testid="handover-panel">
      <header className="console-panel__header">
        <h2 id="handover-title">{t('handover.title')}</h2>
        {!pending && (
          <button type="button" className="button button--small" title={t('handover.handOverHint')} onClick={() => setDialog({ kind: 'compose' })} data-testid="handover-start">
            {t('handover.handOver')}
          </button>
        )}
      </header>
      {loadError && (
        <p className="handover-error" role="alert">
          {t('handover.loadFailed', { message: loadError })}
        </p>
      )}
      {pending && (
        <div className={`handover-pending${forMe ? ' handover-pending--for-me' : ''}`} data-testid="handover-pending" role={forMe ? 'alert' : undefined}>
          <strong>{t('handover.pending')}</strong>
          <p>
            {t('handover.pendingFrom', { name: pending.from.name, time: formatTime(pending.openedAt) })}
            {pending.to && ` ${t('handover.pendingTo', { name: pending.to.name })}`}
          </p>
          <p className="handover-pending__counts">
            {t('handover.sections.alarms')} {pending.summary.counts.alarms} · {t('handover.sections.incidents')} {pending.summary.counts.incidents} · {t('handover.sections.guards')}{' '}
            {pending.summary.counts.guardsOnDuty}
          </p>
          {pending.note && <p className="handover-note">{t('handover.fromNote', { note: pending.note })}</p>}
          {mine && <p className="handover-waiting">{pending.to ? t('handover.waitingFor', { name: pending.to.name }) : t('handover.waiting')}</p>}
          {forMe && (
            <button type="button" className="button button--primary" onClick={() => setDialog({ kind: 'acknowledge', handover: pending })} data-testid="handover-open-ack">
              {t('handover.acknowledge')}
            </button>
          )}
        </div>
      )}
      <button type="button" className="button button--quiet button--small handover-history-toggle" onClick={() => setShowHistory((shown) => !shown)} aria-expanded={showHistory} data-testid="handover-history-toggle">
        {t('handover.history')} ({past.length})
      </button>
      {showHistory && (
        <ul className="handover-history" data-testid="handover-history">
          {past.length === 0 && <li className="console-panel__empty">{t('handover.noHistory')}</li>}
          {past.map((handover) => (
            <PastHandover key={handover.id} handover={handover} formatTime={formatTime} />
          ))}
        </ul>
      )}
      {dialog?.kind === 'compose' && <ComposeDialog siteId={siteId} formatTime={formatTime} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'acknowledge' && <AcknowledgeDialog handover={dialog.handover} formatTime={formatTime} onClose={() => setDialog(null)} onDone={done} />}
    </section>
  );
}

function PastHandover({ handover, formatTime }: { handover: Handover; formatTime: (iso: string) => string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <li className="handover-history__item" data-testid="handover-history-item">
      <div className="handover-history__line">
        <span>
          {t('handover.pendingFrom', { name: handover.from.name, time: formatTime(handover.openedAt) })} →{' '}
          {handover.acknowledgedBy && handover.acknowledgedAt && t('handover.acknowledged', { name: handover.acknowledgedBy.name, time: formatTime(handover.acknowledgedAt) })}
        </span>
        <button type="button" className="button button--quiet button--small" onClick={() => setOpen((shown) => !shown)} aria-expanded={open}>
          {open ? t('handover.hideDetails') : t('handover.showDetails')}
        </button>
      </div>
      {open && (
        <>
          {handover.note && <p className="handover-note">{t('handover.fromNote', { note: handover.note })}</p>}
          {handover.acknowledgeNote && <p className="handover-note">{t('handover.ackNoteShown', { note: handover.acknowledgeNote })}</p>}
          <HandoverSummaryView summary={handover.summary} formatTime={formatTime} />
        </>
      )}
    </li>
  );
}

function ComposeDialog({ siteId, formatTime, onClose, onDone }: { siteId: string; formatTime: (iso: string) => string; onClose: () => void; onDone: (handover: Handover) => void }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<{ summary: HandoverSummary; officers: DutyOfficer[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [toUserId, setToUserId] = useState('');
  const [sending, setSending] = useState(false);
  useEffect(() => {
    fetchHandoverPreview(siteId).then(setPreview, (failure: unknown) => setError(t('handover.composeFailed', { message: describeError(failure, t) })));
  }, [siteId, t]);
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    openHandover({ siteId, ...(note.trim() ? { note: note.trim() } : {}), ...(toUserId ? { toUserId } : {}) }).then(onDone, (failure: unknown) => {
      setSending(false);
      setError(t('handover.failed', { message: describeError(failure, t) }));
    });
  };
  return (
    <div className="handover-overlay" role="dialog" aria-modal="true" aria-labelledby="handover-compose-title" data-testid="handover-compose">
      <form className="handover-dialog" onSubmit={handleSubmit}>
        <h3 id="handover-compose-title">{t('handover.handOver')}</h3>
        {!preview && !error && <p>{t('handover.composing')}</p>}
        {preview && <HandoverSummaryView summary={preview.summary} formatTime={formatTime} />}
        {preview && (
          <label className="handover-field">
            <span>{t('handover.to')}</span>
            <select value={toUserId} onChange={(event) => setToUserId(event.target.value)} data-testid="handover-to">
              <option value="">{t('handover.anyOfficer')}</option>
              {preview.officers.map((officer) => (
                <option key={officer.id} value={officer.id}>
                  {officer.displayName} ({t(`role.${officer.role}`)})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="handover-field">
          <span>{t('handover.note')}</span>
          <textarea rows={3} maxLength={2000} value={note} placeholder={t('handover.notePlaceholder')} onChange={(event) => setNote(event.target.value)} data-testid="handover-note" />
        </label>
        {error && (
          <p className="handover-error" role="alert" data-testid="handover-error">
            {error}
          </p>
        )}
        <div className="handover-dialog__buttons">
          <button type="submit" className="button button--primary" disabled={!preview || sending} data-testid="handover-submit">
            {sending ? t('handover.submitting') : t('handover.submit')}
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('handover.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

function AcknowledgeDialog({ handover, formatTime, onClose, onDone }: { handover: Handover; formatTime: (iso: string) => string; onClose: () => void; onDone: (handover: Handover) => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    acknowledgeHandover(handover.id, note).then(onDone, (failure: unknown) => {
      setSending(false);
      setError(t('handover.failed', { message: describeError(failure, t) }));
    });
  };
  return (
    <div className="handover-overlay" role="dialog" aria-modal="true" aria-labelledby="handover-ack-title" data-testid="handover-acknowledge">
      <form className="handover-dialog" onSubmit={handleSubmit}>
        <h3 id="handover-ack-title">{t('handover.pending')}</h3>
        <p>{t('handover.pendingFrom', { name: handover.from.name, time: formatTime(handover.openedAt) })}</p>
        {handover.note && <p className="handover-note">{t('handover.fromNote', { note: handover.note })}</p>}
        <HandoverSummaryView summary={handover.summary} formatTime={formatTime} />
        <label className="handover-field">
          <span>{t('handover.ackNote')}</span>
          <textarea rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} data-testid="handover-ack-note" />
        </label>
        {error && (
          <p className="handover-error" role="alert">
            {error}
          </p>
        )}
        <div className="handover-dialog__buttons">
          <button type="submit" className="button button--primary" disabled={sending} data-testid="handover-ack-submit">
            {sending ? t('handover.acknowledging') : t('handover.acknowledge')}
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('handover.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
