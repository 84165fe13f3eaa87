import type { Monitor } from '@vigil/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Clock } from '../components/Clock';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { useLocalizedName } from '../i18n/useLocalizedName';

/** The strip over a monitor: which monitor this is, the time, and whether its data is live. */
export function MonitorHeader({ monitor }: { monitor: Monitor }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const name = nameOf(monitor);

  useEffect(() => {
    document.title = `${name} · ${t('app.name')}`;
  }, [name, t]);

  return (
    <header className="monitor-header">
      <div className="monitor-header__name">
        <span className="monitor-header__position">{t('monitor.label', { position: monitor.position + 1 })}</span>
        <h1 data-testid="monitor-name">{name}</h1>
      </div>
      <Clock />
      <div className="monitor-header__status">
        <ConnectionBanner />
      </div>
    </header>
  );
}
