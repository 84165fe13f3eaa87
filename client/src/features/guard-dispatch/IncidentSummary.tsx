import type { Dispatch, Incident, Site } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../lib/useNow';
import { screenNow } from '../../lib/screenClock';
import { formatElapsed } from './elapsed';
import { usePlaceWords } from './usePlaceWords';

/** What the guard is sent to: type and level in words, title, the commander's words, where, how long ago. */
export function IncidentSummary({ dispatch, incident, site }: { dispatch: Dispatch; incident: Incident; site: Site | undefined }) {
  const { t } = useTranslation();
  useNow(1000);
  const place = usePlaceWords(incident, site);
  const elapsed = formatElapsed(screenNow() - Date.parse(dispatch.sentAt));
  return (
    <div className="dispatch-summary">
      <p className={`dispatch-summary__kind dispatch-summary__kind--level-${incident.level}`} data-testid="dispatch-kind">
        <span className="dispatch-summary__level-mark" aria-hidden="true">
          {'I'.repeat(incident.level)}
        </span>
        {t('dispatchPhone.incident.typeLevel', {
          type: t(`dispatchPhone.incident.type.${incident.type}`),
          level: t(`dispatchPhone.incident.level.${incident.level}`),
        })}
      </p>
      <h2 className="dispatch-summary__title" data-testid="dispatch-title">
        {incident.title}
      </h2>
      <p className="dispatch-summary__number">{t('dispatchPhone.incident.number', { number: incident.number })}</p>
      <dl className="dispatch-summary__facts">
        <dt>{t('dispatchPhone.ringing.where')}</dt>
        <dd data-testid="dispatch-place">{place}</dd>
        <dt>{t('dispatchPhone.ringing.instruction')}</dt>
        <dd data-testid="dispatch-instruction" className={dispatch.instruction ? 'dispatch-summary__instruction' : 'dispatch-summary__none'}>
          {dispatch.instruction ?? t('dispatchPhone.ringing.noInstruction')}
        </dd>
      </dl>
      <p className="dispatch-summary__sent" data-testid="dispatch-sent-ago">
        {t('dispatchPhone.ringing.sentAgo', { name: dispatch.sentBy.name, elapsed })}
      </p>
    </div>
  );
}
