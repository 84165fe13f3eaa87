import type { IncidentReport, ReportStep } from '@vigil/shared';
import { againstDue } from './reportModel';
import { entryText, isParty, type ReportWords } from './reportContext';

function AgainstDueCell({ step, words }: { step: ReportStep; words: ReportWords }) {
  const { t } = words;
  const against = againstDue(step);
  switch (against.kind) {
    case 'early':
      return <span className="report-due report-due--early">✓ {t('report.steps.early', { time: against.time })}</span>;
    case 'late':
      return <span className="report-due report-due--late">⚠ {t('report.steps.late', { time: against.time })}</span>;
    case 'onTime':
      return <span className="report-due report-due--early">✓ {t('report.steps.onTime')}</span>;
    case 'skipped':
      return <span className="report-due report-due--skipped">↷ {t('report.steps.skipped', { reason: against.reason })}</span>;
    case 'bypassed':
      return <span className="report-due report-due--bypassed">— {t('report.steps.bypassed')}</span>;
    case 'openOk':
      return <span className="report-due">○ {t('report.steps.openOk', { time: against.time })}</span>;
    case 'openOverdue':
      return <span className="report-due report-due--late">⚠ {t('report.steps.openOverdue', { time: against.time })}</span>;
  }
}

export function StepsSection({ report, words }: { report: IncidentReport; words: ReportWords }) {
  const { t, lang } = words;
  return (
    <section className="report-section" data-testid="report-steps">
      <h2>{t('report.steps.heading')}</h2>
      {report.steps.length === 0 ? (
        <p className="report-empty">{t('report.steps.none')}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('report.steps.step')}</th>
              <th>{t('report.steps.role')}</th>
              <th>{t('report.steps.due')}</th>
              <th>{t('report.steps.doneAt')}</th>
              <th>{t('report.steps.against')}</th>
              <th>{t('report.steps.by')}</th>
            </tr>
          </thead>
          <tbody>
            {report.steps.map((step, index) => (
              <tr key={step.stepId} className={step.status === 'bypassed' ? 'report-row--bypassed' : undefined} data-testid={`report-step-${step.stepId}`}>
                <td>
                  <span className="report-step__n">{index + 1}.</span> {step.title[lang]}
                  {step.required && <span className="report-tag">{t('report.steps.required')}</span>}
                  {step.answer && step.answer !== 'done' && <div className="report-sub">{t('report.steps.answer', { answer: words.answerLabel(step.stepId, step.answer) })}</div>}
                  {step.note && <div className="report-sub">{t('report.steps.note', { note: step.note })}</div>}
                </td>
                <td>{t(`plans.role.${step.role}`)}</td>
                <td>{words.time(step.dueAt)}</td>
                <td>{step.status === 'done' || step.status === 'skipped' ? words.time(step.at) : '—'}</td>
                <td>
                  <AgainstDueCell step={step} words={words} />
                </td>
                <td>{step.by?.name ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function DispatchSection({ report, words }: { report: IncidentReport; words: ReportWords }) {
  const { t } = words;
  return (
    <section className="report-section" data-testid="report-dispatches">
      <h2>{t('report.dispatches.heading')}</h2>
      {report.dispatches.length === 0 ? (
        <p className="report-empty">{t('report.dispatches.none')}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('report.dispatches.guard')}</th>
              <th>{t('report.dispatches.sent')}</th>
              <th>{t('report.dispatches.accepted')}</th>
              <th>{t('report.dispatches.onScene')}</th>
              <th>{t('report.dispatches.cleared')}</th>
              <th>{t('report.dispatches.state')}</th>
            </tr>
          </thead>
          <tbody>
            {report.dispatches.map((dispatch) => (
              <tr key={dispatch.id} data-testid={`report-dispatch-${dispatch.guardId}`}>
                <td>
                  {words.guardLabel(dispatch.guardId)}
                  {dispatch.instruction && <div className="report-sub">{t('report.dispatches.instruction', { text: dispatch.instruction })}</div>}
                </td>
                <td>
                  {words.time(dispatch.sentAt)}
                  <div className="report-sub">{dispatch.sentBy.name}</div>
                </td>
                <td>{words.time(dispatch.acceptedAt)}</td>
                <td>
                  {words.time(dispatch.onSceneAt)}
                  {dispatch.arrival && <div className="report-sub">{t(`report.dispatches.${dispatch.arrival}`)}</div>}
                </td>
                <td>{words.time(dispatch.clearedAt)}</td>
                <td>
                  {t(`report.dispatchState.${dispatch.state}`)}
                  {dispatch.declinedAt && (
                    <div className="report-sub">
                      {t('report.dispatches.declined', { time: words.time(dispatch.declinedAt), reason: dispatch.declineReason ?? t('report.dispatches.noReason') })}
                    </div>
                  )}
                  {dispatch.unansweredAt && <div className="report-sub">{t('report.dispatches.unanswered', { time: words.time(dispatch.unansweredAt) })}</div>}
                  {dispatch.cancelledAt && <div className="report-sub">{t('report.dispatches.cancelled', { time: words.time(dispatch.cancelledAt) })}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function AlarmsSection({ report, words }: { report: IncidentReport; words: ReportWords }) {
  const { t } = words;
  return (
    <section className="report-section" data-testid="report-alarms">
      <h2>{t('report.alarms.heading')}</h2>
      {report.alarms.length === 0 ? (
        <p className="report-empty">{t('report.alarms.none')}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('report.alarms.alarm')}</th>
              <th>{t('report.alarms.raised')}</th>
              <th>{t('report.alarms.acknowledged')}</th>
              <th>{t('report.alarms.resolved')}</th>
              <th>{t('report.alarms.disposition')}</th>
            </tr>
          </thead>
          <tbody>
            {report.alarms.map((alarm) => (
              <tr key={alarm.id}>
                <td>
                  P{alarm.priority} {t(`alarmKind.${alarm.kind}`)}
                  {alarm.message && <div className="report-sub">{alarm.message}</div>}
                </td>
                <td>{words.time(alarm.firstAt)}</td>
                <td>{words.time(alarm.acknowledgedAt)}</td>
                <td>
                  {words.time(alarm.resolvedAt)}
                  {alarm.resolvedBy && <div className="report-sub">{alarm.resolvedBy.name}</div>}
                </td>
                <td>
                  {alarm.disposition ? t(`disposition.${alarm.disposition}`) : t('report.alarms.open')}
                  {alarm.note && <div className="report-sub">{alarm.note}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function CallsSection({ report, words }: { report: IncidentReport; words: ReportWords }) {
  const { t } = words;
  return (
    <section className="report-section" data-testid="report-calls">
      <h2>{t('report.calls.heading')}</h2>
      {report.calls.length === 0 ? (
        <p className="report-empty">{t('report.calls.none')}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('report.calls.party')}</th>
              <th>{t('report.calls.time')}</th>
              <th>{t('report.calls.by')}</th>
              <th>{t('report.calls.note')}</th>
            </tr>
          </thead>
          <tbody>
            {report.calls.map((call, index) => (
              <tr key={`${call.at}-${index}`} className={call.stricken ? 'report-row--stricken' : undefined}>
                <td>{isParty(call.party) ? t(`plans.party.${call.party}`) : call.party}</td>
                <td>{words.time(call.at)}</td>
                <td>{call.by?.name ?? '—'}</td>
                <td>
                  {call.note ?? ''}
                  {call.stepId && <div className="report-sub">{t('report.calls.fromStep', { step: words.stepTitle(call.stepId) })}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function TimelineSection({ report, words }: { report: IncidentReport; words: ReportWords }) {
  const { t } = words;
  const entries = [...report.incident.timeline].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section className="report-section report-section--timeline" data-testid="report-timeline">
      <h2>{t('report.timeline.heading')}</h2>
      {entries.length === 0 ? (
        <p className="report-empty">{t('report.timeline.none')}</p>
      ) : (
        <ol className="report-timeline">
          {entries.map((entry) => (
            <li key={entry.id} className={`report-entry${entry.stricken ? ' report-entry--stricken' : ''}`} data-testid={`report-entry-${entry.id}`}>
              <time className="report-entry__time">{words.time(entry.at)}</time>
              <span className="report-entry__kind">{t(`report.timeline.kind.${entry.kind}`)}</span>
              <div className="report-entry__body">
                <span className="report-entry__text">
                  {entry.call && isParty(entry.call.party) && <strong>{t(`plans.party.${entry.call.party}`)} · </strong>}
                  {entryText(entry, words)}
                  {entry.by && <span className="report-entry__by"> — {entry.by.name}</span>}
                </span>
                {entry.stricken && (
                  <span className="report-entry__stricken">
                    {t('report.timeline.stricken', { by: entry.stricken.by.name, time: words.time(entry.stricken.at), reason: entry.stricken.reason })}
                  </span>
                )}
                {entry.photoId && (
                  <img
                    className="report-entry__photo"
                    src={`/api/v1/incidents/${encodeURIComponent(report.incident.id)}/photos/${encodeURIComponent(entry.photoId)}`}
                    alt={t('report.timeline.photo')}
                    loading="eager"
                  />
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
