import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LevelBadge } from './LevelBadge';
import { PlanChecklist } from './PlanChecklist';
import { useOpenIncidents } from './useIncidents';

/**
 * The console's running checklists: the open incidents as tabs (most urgent first) and the chosen
 * one's checklist, compact, where an operator ticks the operator's steps. Nothing while none is open.
 */
export function ConsoleIncidents({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const open = useOpenIncidents(siteId);
  const [chosen, setChosen] = useState<string | null>(null);
  const incident = open.find((candidate) => candidate.id === chosen) ?? open[0];
  if (!incident) return null;
  return (
    <section className="console-panel console-incidents" aria-labelledby="console-incidents-title" data-testid="console-incidents">
      <header className="console-panel__header">
        <h2 id="console-incidents-title">{t('incidents.console.title')}</h2>
        <Link className="button button--small" to={`/command?incident=${incident.id}`} data-testid="console-open-command">
          {t('incidents.console.openCommand')}
        </Link>
      </header>
      {open.length > 1 && (
        <div className="console-incidents__tabs" role="tablist">
          {open.map((candidate) => (
            <button
              key={candidate.id}
              type="button"
              role="tab"
              aria-selected={candidate.id === incident.id}
              className={`console-incidents__tab${candidate.id === incident.id ? ' console-incidents__tab--active' : ''}`}
              onClick={() => setChosen(candidate.id)}
            >
              <LevelBadge level={candidate.level} /> {t(`incidents.type.${candidate.type}`)} {candidate.number}
            </button>
          ))}
        </div>
      )}
      <PlanChecklist incident={incident} variant="compact" />
    </section>
  );
}
