import { DISPOSITIONS, type Durations, type SiteReport } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { formatRate, formatSeconds } from './format';

function Empty({ text }: { text: string }) {
  return <p className="reports-empty">{text}</p>;
}

/** Handling times of alarms and dispatches, and the dispatch counts, beside the period before. */
export function TimesTable({ report }: { report: SiteReport }) {
  const { t } = useTranslation();
  const { current: now, previous: before } = report;
  const rows: [string, Durations, Durations][] = [
    [t('reports.acknowledge'), now.alarms.acknowledge, before.alarms.acknowledge],
    [t('reports.resolveAlarm'), now.alarms.resolve, before.alarms.resolve],
    [t('reports.accept'), now.dispatches.accept, before.dispatches.accept],
    [t('reports.turnout'), now.dispatches.turnout, before.dispatches.turnout],
    [t('reports.travel'), now.dispatches.travel, before.dispatches.travel],
  ];
  return (
    <section className="reports-section">
      <h2>{t('reports.times')}</h2>
      <table className="report-table" data-testid="table-times">
        <thead>
          <tr>
            <th>{t('reports.figure')}</th>
            <th>{t('reports.count')}</th>
            <th>{t('reports.p50')}</th>
            <th>{t('reports.p90')}</th>
            <th>
              {t('reports.previousPeriod')} {t('reports.p50')}
            </th>
            <th>
              {t('reports.previousPeriod')} {t('reports.p90')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, a, b]) => (
            <tr key={label}>
              <td>{label}</td>
              <td>{a.count}</td>
              <td>{formatSeconds(a.p50, t)}</td>
              <td>{formatSeconds(a.p90, t)}</td>
              <td>{formatSeconds(b.p50, t)}</td>
              <td>{formatSeconds(b.p90, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="reports-note">
        {t('reports.dispatches')}: {t('reports.sent')} {now.dispatches.sent} ({before.dispatches.sent}) · {t('reports.declined')} {now.dispatches.declined} (
        {before.dispatches.declined}) · {t('reports.unanswered')} {now.dispatches.unanswered} ({before.dispatches.unanswered})
      </p>
    </section>
  );
}

/** The devices with the most false alarms first, each disposition counted. */
export function DevicesTable({ report }: { report: SiteReport }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  return (
    <section className="reports-section">
      <h2>{t('reports.devices')}</h2>
      {report.devices.length === 0 ? (
        <Empty text={t('reports.noDevices')} />
      ) : (
        <table className="report-table" data-testid="table-devices">
          <thead>
            <tr>
              <th>{t('reports.device')}</th>
              <th>{t('reports.deviceAlarms')}</th>
              {DISPOSITIONS.map((disposition) => (
                <th key={disposition}>{t(`disposition.${disposition}`)}</th>
              ))}
              <th>{t('reports.falseRate')}</th>
            </tr>
          </thead>
          <tbody>
            {report.devices.map((row) => (
              <tr key={row.deviceId}>
                <td>{row.name ? nameOf({ name: row.name.zh, nameEn: row.name.en }) : row.deviceId}</td>
                <td>{row.total}</td>
                {DISPOSITIONS.map((disposition) => (
                  <td key={disposition}>{row.byDisposition[disposition]}</td>
                ))}
                <td>{formatRate(row.falseRate, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function IncidentsTable({ report }: { report: SiteReport }) {
  const { t } = useTranslation();
  return (
    <section className="reports-section">
      <h2>{t('reports.incidents')}</h2>
      {report.incidentTypes.length === 0 ? (
        <Empty text={t('reports.noIncidents')} />
      ) : (
        <table className="report-table" data-testid="table-incidents">
          <thead>
            <tr>
              <th>{t('reports.incidentType')}</th>
              <th>{t('reports.thisPeriod')}</th>
              <th>{t('reports.previousPeriod')}</th>
              <th>{t('reports.responseP50')}</th>
              <th>{t('reports.responseP90')}</th>
              <th>{t('reports.resolveP50')}</th>
              <th>{t('reports.resolveP90')}</th>
            </tr>
          </thead>
          <tbody>
            {report.incidentTypes.map((row) => (
              <tr key={row.type}>
                <td>{t(`incidents.type.${row.type}`)}</td>
                <td>{row.count}</td>
                <td>{row.previous}</td>
                <td>{formatSeconds(row.response.p50, t)}</td>
                <td>{formatSeconds(row.response.p90, t)}</td>
                <td>{formatSeconds(row.resolve.p50, t)}</td>
                <td>{formatSeconds(row.resolve.p90, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function DrillsTable({ report, formatTime }: { report: SiteReport; formatTime: (iso: string) => string }) {
  const { t, i18n } = useTranslation();
  const chinese = i18n.language.startsWith('zh');
  return (
    <section className="reports-section">
      <h2>{t('reports.drills')}</h2>
      {report.drills.length === 0 ? (
        <Empty text={t('reports.noDrills')} />
      ) : (
        <table className="report-table" data-testid="table-drills">
          <thead>
            <tr>
              <th>{t('reports.drill')}</th>
              <th>{t('reports.started')}</th>
              <th>{t('reports.score')}</th>
              <th>{t('reports.grade')}</th>
            </tr>
          </thead>
          <tbody>
            {report.drills.map((row) => (
              <tr key={row.id}>
                <td>
                  {chinese ? row.name.zh : row.name.en} <span className="report-sub">{t(`reports.modes.${row.mode}`, { defaultValue: row.mode })}</span>
                </td>
                <td>{formatTime(row.startedAt)}</td>
                <td>{row.score ?? t('reports.notScored')}</td>
                <td>{row.grade ? t(`reports.grades.${row.grade}`, { defaultValue: row.grade }) : t('reports.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Patrols and hazards: filled once the patrol tables are in; until then they say so. */
export function PatrolSections({ report }: { report: SiteReport }) {
  const { t } = useTranslation();
  return (
    <section className="reports-section reports-section--pair" data-testid="patrol-sections">
      <div>
        <h2>{t('reports.patrol')}</h2>
        {report.patrol.available ? (
          <p data-testid="patrol-figures">
            {t('reports.patrolFigures', { completed: report.patrol.completed, missed: report.patrol.missed, late: report.patrol.late, planned: report.patrol.planned })} ·{' '}
            {formatRate(report.patrol.coverage, t)}
          </p>
        ) : (
          <Empty text={t('reports.noPatrolData')} />
        )}
      </div>
      <div>
        <h2>{t('reports.hazards')}</h2>
        {report.hazards.available ? (
          <p data-testid="hazard-figures">
            {t('reports.hazardFigures', { found: report.hazards.found, rectified: report.hazards.rectified, verified: report.hazards.verified })} ·{' '}
            {formatRate(report.hazards.rectification, t)}
          </p>
        ) : (
          <Empty text={t('reports.noPatrolData')} />
        )}
      </div>
      {!report.patrol.available && <p className="reports-note">{t('reports.noPatrolDetail')}</p>}
    </section>
  );
}
