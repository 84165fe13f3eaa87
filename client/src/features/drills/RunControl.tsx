import type { LiveState } from '@vigil/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError } from '../../i18n/describeError';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useSiteIndex } from '../sites/siteStore';
import { AdHocInjectForm } from './AdHocInjectForm';
import { DrillBanner } from './DrillBanner';
import { openDrillSocket } from './drillSocket';
import { drillReportPath, drillsApi, type DrillRun } from './drillsApi';
import { FacilitatorNotes, InjectListView } from './InjectListView';
import { firedNotes, injectRows } from './injectList';

/** While the run is not ended, it is read again this often as well as on each of its events. */
const REFRESH_MS = 10_000;

/**
 * One run on the controller's screen: its clock and state, pause / resume / end, the next inject
 * now, an ad hoc one, the inject list, the facilitator's notes; links to the screens in the drill
 * and, once ended, to its report. It follows the drill's stream on a socket of its own.
 */
export function RunControl({ runId, onChanged }: { runId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const [run, setRun] = useState<DrillRun | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [guards, setGuards] = useState<LiveState['guards'] | null>(null);
  const index = useSiteIndex();
  const nameOf = useLocalizedName();

  const read = useCallback(() => {
    drillsApi.read(runId).then(
      (next) => {
        setRun(next);
        setLoadError(null);
      },
      setLoadError,
    );
  }, [runId]);

  const ended = run?.state === 'ended';
  useEffect(() => {
    read();
    drillsApi.people().then((people) => setNames(new Map(people.map((person) => [person.id, person.displayName]))), () => undefined);
  }, [read]);
  useEffect(() => {
    if (ended) return;
    const socket = openDrillSocket(runId, {
      onState: (state) => setGuards(state.guards),
      onEvent: (event) => {
        if (event.type.startsWith('drill.')) read();
      },
      onClosed: read,
    });
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      clearInterval(timer);
      socket.stop();
    };
  }, [runId, ended, read]);

  const rows = useMemo(() => (run ? injectRows(run.scenario, run.injectsDone, run.nextInject, run.state === 'ended') : []), [run]);
  const notes = useMemo(() => firedNotes(rows), [rows]);

  const act = async (action: (id: string) => Promise<unknown>, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    setActionError(null);
    try {
      await action(runId);
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
      read();
      onChanged();
    }
  };

  if (!run) {
    return <section className="drills-panel">{loadError !== null ? <p role="alert">{t('drills.loadFailed', { message: describeError(loadError, t) })}</p> : <p>{t('drills.loading')}</p>}</section>;
  }
  const nothingLeft = run.nextInject >= run.scenario.injects.length;
  const participants = run.participants.map((id) => names.get(id) ?? id);
  return (
    <div className="drills-control" data-testid="drill-control" data-run-id={run.id} data-state={run.state}>
      <section className="drills-panel drills-control__head">
        <h2>{t('drills.control.title')}</h2>
        <DrillBanner run={run} />
        <p className="drills-control__who">
          {t('drills.control.controller', { name: run.controller.name })} · {participants.length > 0 ? t('drills.control.participants', { names: participants.join('、') }) : t('drills.control.nobody')} ·{' '}
          {t(`drills.mode.${run.mode}`)}
        </p>
        {!ended && (
          <div className="drills-control__buttons">
            {run.state === 'running' ? (
              <button type="button" className="button" disabled={busy} onClick={() => void act(drillsApi.pause)} data-testid="drill-pause">
                {t('drills.control.pause')}
              </button>
            ) : (
              <button type="button" className="button button--primary" disabled={busy} onClick={() => void act(drillsApi.resume)} data-testid="drill-resume">
                {t('drills.control.resume')}
              </button>
            )}
            <button type="button" className="button" disabled={busy || nothingLeft} title={nothingLeft ? t('drills.control.noneLeft') : undefined} onClick={() => void act(drillsApi.injectNext)} data-testid="drill-inject-next">
              {t('drills.control.injectNext')}
            </button>
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void act(drillsApi.end, t('drills.control.confirmEnd'))} data-testid="drill-end">
              {t('drills.control.end')}
            </button>
          </div>
        )}
        {!ended && (
          <p className="drills-control__screens">
            {t('drills.control.openScreen')}{' '}
            {(['/console', '/command', '/wall'] as const).map((path) => (
              <Link key={path} className="button button--small" to={`${path}?drill=${run.id}`} target="_blank" data-testid={`drill-open-${path.slice(1)}`}>
                {t(`drills.control.screen.${path.slice(1) as 'console'}`)}
              </Link>
            ))}
            {/* At the table the plan is walked from the facilitator's panel, on the run's report page. */}
            {run.mode === 'tabletop' && (
              <Link className="button button--small button--primary" to={drillReportPath(run.id)} data-testid="drill-open-facilitator">
                {t('drills.control.facilitator')}
              </Link>
            )}
          </p>
        )}
        {ended && (
          <p className="drills-control__ended" role="status">
            {t('drills.control.ended')}{' '}
            <Link className="button button--primary" to={drillReportPath(run.id)} data-testid="drill-report-link">
              {t('drills.control.report')}
            </Link>
          </p>
        )}
        {actionError !== null && (
          <p className="drills-error" role="alert" data-testid="drill-action-error">
            {t('drills.control.failed', { message: describeError(actionError, t) })}
          </p>
        )}
      </section>
      <div className="drills-control__grid">
        <InjectListView
          rows={rows}
          deviceName={(id) => {
            const device = index?.devices.get(id);
            return device ? nameOf(device) : id;
          }}
          guardName={(id) => {
            const guard = guards?.get(id);
            return guard ? `${guard.callsign} ${guard.name}` : id;
          }}
        />
        <div className="drills-control__side">
          <FacilitatorNotes notes={notes} />
          {!ended && <AdHocInjectForm runId={run.id} onInjected={read} />}
        </div>
      </div>
    </div>
  );
}
