import type { Dispatch } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';

const ROWS = [
  ['sent', 'sentAt'],
  ['accepted', 'acceptedAt'],
  ['enRoute', 'enRouteAt'],
  ['onScene', 'onSceneAt'],
  ['cleared', 'clearedAt'],
] as const satisfies readonly (readonly [string, keyof Dispatch])[];

/** The dispatch's times as the server recorded them (sent, accepted, en route, on scene, cleared). */
export function DispatchTimes({ dispatch }: { dispatch: Dispatch }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="dispatch-section" data-testid="dispatch-times">
      <h3 className="dispatch-section__title">{t('dispatchPhone.times.title')}</h3>
      <dl className="dispatch-times">
        {ROWS.map(([key, field]) => (
          <div key={key} className="dispatch-times__row" data-testid={`dispatch-time-${key}`}>
            <dt>{t(`dispatchPhone.times.${key}`)}</dt>
            <dd>{dispatch[field] ? formatTime(dispatch[field], i18n.language) : t('dispatchPhone.times.pending')}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
