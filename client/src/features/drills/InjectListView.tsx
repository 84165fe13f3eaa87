import type { DrillInjectInput } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import { useBilingual } from '../incidents/useBilingual';
import { formatDrillClock } from './drillClock';
import type { InjectRow } from './injectList';

interface Names {
  deviceName: (id: string) => string;
  guardName: (id: string) => string;
}

function InjectWhat({ inject, deviceName, guardName }: { inject: DrillInjectInput } & Names) {
  const { t } = useTranslation();
  const text = useBilingual();
  switch (inject.kind) {
    case 'alarm':
      return <>{text(inject.alarm.message)}</>;
    case 'device_state':
      return <>{t('drills.injects.deviceState', { device: deviceName(inject.deviceId), status: t(`deviceStatus.${inject.status}`) })}</>;
    case 'guard_walk':
      return <>{t('drills.injects.guardWalk', { guard: guardName(inject.guardId), count: inject.path.length })}</>;
    case 'note':
      return <>{text(inject.text)}</>;
  }
}

/** The scenario's injects with their script time, fired (when, early) / next / pending, and the ad hoc ones. */
export function InjectListView({ rows, deviceName, guardName }: { rows: readonly InjectRow[] } & Names) {
  const { t, i18n } = useTranslation();
  return (
    <section className="drills-panel drills-injects" aria-labelledby="drill-injects-title">
      <h2 id="drill-injects-title">{t('drills.injects.title')}</h2>
      <ol className="drills-injects__list" data-testid="drill-injects">
        {rows.map((row) => (
          <li key={row.key} className={`drills-inject drills-inject--${row.state}`} data-testid="drill-inject" data-inject-id={row.inject.id} data-state={row.state}>
            <span className="drills-inject__at">{row.atSec === null ? t('drills.injects.adHocAt') : formatDrillClock(row.atSec)}</span>
            <span className={`drills-inject__state drills-inject__state--${row.state}`}>{t(`drills.injects.${row.state}`)}</span>
            <span className="drills-inject__kind">{row.adHoc ? `${t('drills.injects.adHoc')} · ` : ''}{t(`drills.injects.kind.${row.inject.kind}`)}</span>
            <span className="drills-inject__what">
              <InjectWhat inject={row.inject} deviceName={deviceName} guardName={guardName} />
            </span>
            <span className="drills-inject__fired">
              {row.firedAt && t('drills.injects.firedAt', { time: formatTime(row.firedAt, i18n.language) })}
              {row.early && <> · {t('drills.injects.early')}</>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The facilitator's notes fired so far, newest first: on the controller's screen only. */
export function FacilitatorNotes({ notes }: { notes: readonly { key: string; text: { zh: string; en: string }; firedAt: string }[] }) {
  const { t, i18n } = useTranslation();
  const text = useBilingual();
  return (
    <section className="drills-panel drills-notes" aria-labelledby="drill-notes-title" data-testid="drill-notes">
      <h2 id="drill-notes-title">{t('drills.notes.title')}</h2>
      {notes.length === 0 && <p className="drills-hint">{t('drills.notes.empty')}</p>}
      <ul>
        {notes.map((note) => (
          <li key={note.key} className="drills-note" data-testid="drill-note">
            <time>{formatTime(note.firedAt, i18n.language)}</time> {text(note.text)}
          </li>
        ))}
      </ul>
    </section>
  );
}
