import { useTranslation } from 'react-i18next';
import { useBilingual } from '../incidents/useBilingual';
import { useNow } from '../../lib/useNow';
import { drillElapsedSec, formatDrillClock, type DrillClockRun } from './drillClock';

/** The drill clock, ticking while the run runs. */
export function DrillClock({ run, className }: { run: DrillClockRun; className?: string }) {
  const { t } = useTranslation();
  const now = useNow(1_000);
  const sec = drillElapsedSec(run, now);
  return (
    <time className={className ?? 'drill-clock'} data-testid="drill-clock" data-sec={sec} aria-label={t('drills.clock')} title={t('drills.clock')}>
      {formatDrillClock(sec)}
    </time>
  );
}

/** The strip over a drill's screen: DRILL 演练, the scenario, its clock and where it stands. */
export function DrillBanner({ run, compact = false }: { run: DrillClockRun & { name: { zh: string; en: string } }; compact?: boolean }) {
  const { t } = useTranslation();
  const text = useBilingual();
  return (
    <div className={`drill-banner${compact ? ' drill-banner--compact' : ''}`} data-testid="drill-banner" data-state={run.state} role="status" title={t('drills.bannerHint')}>
      <span className="drill-banner__badge">{t('drills.banner')}</span>
      <span className="drill-banner__name" data-testid="drill-banner-name">
        {text(run.name)}
      </span>
      <DrillClock run={run} className="drill-banner__clock" />
      <span className={`drill-banner__state drill-banner__state--${run.state}`}>{t(`drills.state.${run.state}`)}</span>
    </div>
  );
}
