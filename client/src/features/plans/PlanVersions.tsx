import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { formatDateTime } from '../admin-users/formatDateTime';
import { fetchVersions, type LibraryPlan } from './plansApi';

type Versions = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; versions: LibraryPlan[] };

/** Every published version of one plan, newest first; any of them can be read or be the start of the next. */
export function PlanVersions({ plan, shown, onShow }: { plan: LibraryPlan; shown: number; onShow: (version: LibraryPlan) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const [versions, setVersions] = useState<Versions>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    setVersions({ status: 'loading' });
    fetchVersions(plan.id).then(
      (list) => live && setVersions({ status: 'ready', versions: list }),
      (error: unknown) => live && setVersions({ status: 'failed', message: describeError(error, t) }),
    );
    return () => {
      live = false;
    };
  }, [plan.id, plan.version, t]);

  return (
    <section className="plans-panel" data-testid="plan-versions">
      <h2>{t('plans.versions.heading', { name: plan.name[language] })}</h2>
      {versions.status === 'loading' && <p className="plans__hint">{t('plans.versions.loading')}</p>}
      {versions.status === 'failed' && <p className="plans__error">{t('plans.versions.failed', { message: versions.message })}</p>}
      {versions.status === 'ready' && (
        <ol className="plans-versions">
          {versions.versions.map((version) => (
            <li key={version.version} className={version.version === shown ? 'plans-versions__item--shown' : undefined}>
              <strong>{t('plans.versionLabel', { version: version.version })}</strong>
              {version.version === plan.version && <span className="plans-versions__tag">{t('plans.versions.current')}</span>}
              <span className="plans__hint">
                {t('plans.publishedAt', { time: formatDateTime(version.publishedAt, i18n.language), name: version.publishedBy?.name ?? t('plans.publishedBySystem') })}
              </span>
              <button type="button" className="button button--quiet" data-testid={`show-version-${version.version}`} onClick={() => onShow(version)}>
                {t('plans.versions.view')}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
