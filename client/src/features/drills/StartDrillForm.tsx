import { DRILL_TARGETS, type DrillMode } from '@vigil/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { useSession } from '../auth/sessionStore';
import { useBilingual } from '../incidents/useBilingual';
import { drillsApi, type ScenarioFile } from './drillsApi';
import { forTabletop } from './injectList';

interface Person {
  id: string;
  displayName: string;
  role: string;
}

/** Pick a shipped scenario, its mode and the participants; start. `onStarted` gets the new run's id. */
export function StartDrillForm({ onStarted }: { onStarted: (runId: string) => void }) {
  const { t } = useTranslation();
  const text = useBilingual();
  const me = useSession((session) => session.user?.id ?? null);
  const [scenarios, setScenarios] = useState<ScenarioFile[] | null>(null);
  const [people, setPeople] = useState<Person[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [scenarioId, setScenarioId] = useState('');
  const [mode, setMode] = useState<DrillMode>('live');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    drillsApi.scenarios().then(setScenarios, setLoadError);
    drillsApi.people().then(setPeople, setLoadError);
  }, []);

  const scenario = scenarios?.find((candidate) => candidate.id === scenarioId) ?? null;
  const tabletop = scenario ? forTabletop(scenario) : null;

  const pick = (id: string) => {
    setScenarioId(id);
    const next = scenarios?.find((candidate) => candidate.id === id);
    setMode(next?.mode ?? 'live');
    setError(null);
  };
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!scenario) {
      setError(new Error(t('drills.start.pick')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const run = await drillsApi.start(mode === 'tabletop' ? { ...forTabletop(scenario).scenario, mode } : { ...scenario, mode }, [...chosen]);
      setChosen(new Set());
      onStarted(run.id);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="drills-panel drills-start" onSubmit={(event) => void handleSubmit(event)} data-testid="drill-start-form" noValidate>
      <h2>{t('drills.start.title')}</h2>
      {loadError !== null && <p role="alert">{t('drills.start.peopleFailed', { message: describeError(loadError, t) })}</p>}
      <fieldset className="drills-start__scenarios">
        <legend>{t('drills.start.scenario')}</legend>
        {(scenarios ?? []).map((candidate) => (
          <label key={candidate.id} className={`drills-scenario${candidate.id === scenarioId ? ' drills-scenario--chosen' : ''}`} data-testid="drill-scenario" data-scenario-id={candidate.id}>
            <input type="radio" name="scenario" value={candidate.id} checked={candidate.id === scenarioId} onChange={() => pick(candidate.id)} />
            <span className="drills-scenario__name">{text(candidate.name)}</span>
            <span className="drills-scenario__meta">
              {t(`drills.mode.${candidate.mode}`)} · {t('drills.start.injectCount', { count: candidate.injects.length })}
            </span>
          </label>
        ))}
      </fieldset>
      {scenario && (
        <div className="drills-start__details" data-testid="drill-scenario-details">
          <p className="drills-start__summary">{text(scenario.summary)}</p>
          <dl className="drills-start__targets">
            {DRILL_TARGETS.filter((target) => scenario.targets[target] !== undefined).map((target) => (
              <div key={target}>
                <dt>{t(`drills.start.target.${target}`)}</dt>
                <dd>{t('drills.start.seconds', { count: scenario.targets[target] })}</dd>
              </div>
            ))}
          </dl>
          <fieldset className="drills-start__mode">
            <legend>{t('drills.start.mode')}</legend>
            {(['live', 'tabletop'] as const).map((value) => (
              <label key={value}>
                <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} data-testid={`drill-mode-${value}`} />
                {t(`drills.mode.${value}`)}
              </label>
            ))}
            {mode === 'tabletop' && tabletop && tabletop.leftOut > 0 && (
              <p className="drills-hint" data-testid="drill-tabletop-left-out">{t('drills.start.tabletopLeavesOut', { count: tabletop.leftOut })}</p>
            )}
          </fieldset>
        </div>
      )}
      <fieldset className="drills-start__people">
        <legend>{t('drills.start.participants')}</legend>
        {people?.length === 0 && <p>{t('drills.start.noPeople')}</p>}
        {(people ?? [])
          .filter((person) => person.id !== me)
          .map((person) => (
            <label key={person.id} className="drills-person" data-testid="drill-participant" data-user-id={person.id}>
              <input type="checkbox" checked={chosen.has(person.id)} onChange={() => toggle(person.id)} />
              <span>{person.displayName}</span>
              <span className="drills-person__role">{t(`role.${person.role as 'admin'}`)}</span>
            </label>
          ))}
      </fieldset>
      {error !== null && (
        <p className="drills-error" role="alert" data-testid="drill-start-error">
          {t('drills.start.failed', { message: describeError(error, t) })}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy || !scenario} data-testid="drill-start">
        {busy ? t('drills.start.starting') : t('drills.start.submit')}
      </button>
    </form>
  );
}
