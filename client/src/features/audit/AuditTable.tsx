import type { AuditEntry } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { recordsEn } from '../../i18n/records.en';

type ActionKey = keyof typeof recordsEn.audit.action;
/** The catalogue's name for an event type, when it has one. */
const actionKey = (type: string): ActionKey | null => {
  const key = type.replace('.', '_');
  return key in recordsEn.audit.action ? (key as ActionKey) : null;
};

function ActionName({ type }: { type: string }) {
  const { t } = useTranslation();
  const key = actionKey(type);
  return key ? t(`audit.action.${key}`) : null;
}

const detailText = (details: AuditEntry['details']) =>
  Object.entries(details)
    .map(([key, value]) => `${key}: ${value === null ? '—' : String(value)}`)
    .join(' · ');

/** The entries, newest first: when, what kind, the action (the event's type), who, and what it named. */
export function AuditTable({ entries, formatTime }: { entries: readonly AuditEntry[]; formatTime: (iso: string) => string }) {
  const { t } = useTranslation();
  return (
    <table className="history-table audit-table" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">{t('audit.columns.at')}</th>
          <th scope="col">{t('audit.columns.kind')}</th>
          <th scope="col">{t('audit.columns.action')}</th>
          <th scope="col">{t('audit.columns.actor')}</th>
          <th scope="col">{t('audit.columns.details')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.seq} data-testid="audit-row" data-kind={entry.kind} data-type={entry.type} data-drill={entry.drill}>
            <td>
              <time dateTime={entry.at}>{formatTime(entry.at)}</time>
            </td>
            <td>
              <span className={`audit-kind audit-kind--${entry.kind}`}>{t(`audit.kind.${entry.kind}`)}</span>
              {entry.drill && <span className="audit-drill">{t('audit.drill')}</span>}
            </td>
            <td>
              <ActionName type={entry.type} />
              <code className="audit-type">{entry.type}</code>
            </td>
            <td>
              {entry.actor.name || '—'}
              <small className="audit-actor-kind">{t(`audit.actorKind.${entry.actor.kind}`)}</small>
            </td>
            <td className="audit-table__details">{detailText(entry.details)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
