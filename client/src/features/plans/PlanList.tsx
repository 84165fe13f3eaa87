import { INCIDENT_TYPES } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../admin-users/formatDateTime';
import type { LibraryPlan } from './plansApi';

function PlanRows({ plans, selectedId, onSelect }: { plans: readonly LibraryPlan[]; selectedId: string | null; onSelect: (plan: LibraryPlan) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith('zh') ? 'zh' : 'en';
  return (
    <tbody>
      {plans.map((plan) => (
        <tr
          key={plan.id}
          className={`plans-list__row${plan.id === selectedId ? ' plans-list__row--selected' : ''}`}
          data-testid={`plan-row-${plan.id}`}
          onClick={() => onSelect(plan)}
        >
          <td>{t(`plans.incidentType.${plan.incidentType}`)}</td>
          <td className="plans-list__nowrap">{t(`plans.level.${plan.level}`)}</td>
          <td>
            <button type="button" className="plans-list__name" onClick={() => onSelect(plan)}>
              {plan.name[language]}
            </button>
          </td>
          <td className="plans-list__nowrap">{t('plans.versionLabel', { version: plan.version })}</td>
          <td className="plans-list__published">
            {t('plans.publishedAt', { time: formatDateTime(plan.publishedAt, i18n.language), name: plan.publishedBy?.name ?? t('plans.publishedBySystem') })}
          </td>
          <td className="plans-list__nowrap">{t('plans.list.stepCount', { count: plan.steps.length })}</td>
        </tr>
      ))}
    </tbody>
  );
}

/** The library: the newest version of each plan, retired ones set apart below. */
export function PlanList({ plans, selectedId, onSelect }: { plans: readonly LibraryPlan[]; selectedId: string | null; onSelect: (plan: LibraryPlan) => void }) {
  const { t } = useTranslation();
  // In the order of the incident types (fire first), then by id.
  const ordered = [...plans].sort((a, b) => INCIDENT_TYPES.indexOf(a.incidentType) - INCIDENT_TYPES.indexOf(b.incidentType) || a.id.localeCompare(b.id));
  const active = ordered.filter((plan) => !plan.retired);
  const retired = ordered.filter((plan) => plan.retired);
  const head = (
    <thead>
      <tr>
        <th>{t('plans.list.type')}</th>
        <th>{t('plans.list.level')}</th>
        <th>{t('plans.list.name')}</th>
        <th>{t('plans.list.version')}</th>
        <th>{t('plans.list.published')}</th>
        <th>{t('plans.list.steps')}</th>
      </tr>
    </thead>
  );
  return (
    <section className="plans-panel" data-testid="plan-list">
      <h2>{t('plans.list.heading')}</h2>
      {active.length === 0 ? (
        <p className="plans__hint">{t('plans.list.empty')}</p>
      ) : (
        <table className="plans-list">
          {head}
          <PlanRows plans={active} selectedId={selectedId} onSelect={onSelect} />
        </table>
      )}
      {retired.length > 0 && (
        <>
          <h3 className="plans-list__retired-heading">{t('plans.list.retiredHeading')}</h3>
          <table className="plans-list plans-list--retired" data-testid="retired-plans">
            {head}
            <PlanRows plans={retired} selectedId={selectedId} onSelect={onSelect} />
          </table>
        </>
      )}
    </section>
  );
}
