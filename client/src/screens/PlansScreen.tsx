import { can } from '@vigil/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { BrandMark } from '../components/BrandMark';
import { FullScreenMessage } from '../components/FullScreenMessage';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { UserBadge } from '../components/UserBadge';
import { useSession } from '../features/auth/sessionStore';
import { PlanFiles } from '../features/plans/PlanFiles';
import { PlanForm } from '../features/plans/PlanForm';
import { PlanList } from '../features/plans/PlanList';
import { PlanVersions } from '../features/plans/PlanVersions';
import { draftOf, emptyDraft } from '../features/plans/planDraft';
import { fetchPlans, retirePlan, type LibraryPlan } from '../features/plans/plansApi';
import { describeError } from '../i18n/describeError';
import '../features/plans/plans.css';

type Library = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; plans: LibraryPlan[] };
/** What the right side shows: a version of a plan (read, or the start of the next version), or a new plan. */
type Open = { kind: 'version'; plan: LibraryPlan; version: LibraryPlan } | { kind: 'new' } | null;

/** `/admin/plans`: the plan library (预案库). Everyone in the control room reads it; admins publish, import, export and retire. */
export function PlansScreen() {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const role = useSession((session) => session.user?.role);
  const canEdit = role ? can(role, 'plans.edit') : false;
  const [library, setLibrary] = useState<Library>({ status: 'loading' });
  const [open, setOpen] = useState<Open>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const formColumn = useRef<HTMLDivElement>(null);
  const dirty = useRef(false);
  const onDirty = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);

  const reload = useCallback(async () => {
    try {
      const plans = await fetchPlans();
      setLibrary({ status: 'ready', plans });
      return plans;
    } catch (error) {
      setLibrary({ status: 'failed', message: describeError(error, t) });
      return null;
    }
  }, [t]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    document.title = `${t('plans.title')} · ${t('app.name')}`;
  }, [t]);

  /** A fresh form, read from its top. */
  const openForm = (next: Open, force = false) => {
    if (!force && dirty.current && !window.confirm(t('plans.form.dropChanges'))) return;
    dirty.current = false;
    setOpen(next);
    setFormKey((key) => key + 1);
    formColumn.current?.scrollTo({ top: 0 });
  };
  const show = (plan: LibraryPlan, version: LibraryPlan = plan, force = false) => openForm({ kind: 'version', plan, version }, force);

  const published = async (plan: LibraryPlan) => {
    setNotice(t('plans.form.published', { name: plan.name[language], version: plan.version }));
    const plans = await reload();
    const newest = plans?.find((item) => item.id === plan.id) ?? plan;
    show(newest, newest, true);
  };

  const retire = async (plan: LibraryPlan) => {
    if (!window.confirm(t('plans.retireConfirm', { name: plan.name[language] }))) return;
    try {
      await retirePlan(plan.id);
      setNotice(t('plans.retiredDone', { name: plan.name[language] }));
      const plans = await reload();
      const again = plans?.find((item) => item.id === plan.id);
      if (again) show(again);
    } catch (error) {
      setNotice(describeError(error, t));
    }
  };

  // One draft per form opened (formKey): the form tells its changes by comparing with it.
  const initial = useMemo(() => (open === null ? null : open.kind === 'new' ? emptyDraft() : draftOf(open.version)), [open, formKey]);

  if (library.status === 'loading') return <FullScreenMessage message={t('plans.loading')} />;
  if (library.status === 'failed') return <FullScreenMessage message={t('plans.loadFailed', { message: library.message })} />;

  const selected = open?.kind === 'version' ? open.plan : null;
  return (
    <div className="plans" data-testid="plans-screen">
      <header className="plans__header">
        <div className="plans__title">
          <BrandMark />
          <h1>{t('plans.title')}</h1>
        </div>
        <div className="plans__status">
          <Link className="button button--quiet" to="/wall">
            {t('plans.backToWall')}
          </Link>
          <LanguageSwitch />
          <UserBadge />
        </div>
      </header>
      <main className="plans__main">
        <div className="plans__column">
          <div className="plans__toolbar">
            {canEdit && (
              <button
                type="button"
                className="button button--primary"
                data-testid="new-plan"
                onClick={() => openForm({ kind: 'new' })}
              >
                {t('plans.newPlan')}
              </button>
            )}
            <PlanFiles canEdit={canEdit} onImported={() => void reload()} />
          </div>
          {!canEdit && <p className="plans__notice">{t('plans.readOnly')}</p>}
          {notice && (
            <p className="plans__notice" role="status" data-testid="plans-notice">
              {notice}
            </p>
          )}
          <PlanList plans={library.plans} selectedId={selected?.id ?? null} onSelect={(plan) => show(plan)} />
          {open?.kind === 'version' && <PlanVersions plan={open.plan} shown={open.version.version} onShow={(version) => show(open.plan, version)} />}
          {canEdit && selected && !selected.retired && (
            <button type="button" className="button" data-testid="retire-plan" onClick={() => void retire(selected)}>
              {t('plans.retire')}
            </button>
          )}
        </div>
        <div className="plans__column plans__column--wide" ref={formColumn}>
          {open === null && <p className="plans__note">{t('plans.runningNote')}</p>}
          {open !== null && initial !== null && (
            <PlanForm
              key={formKey}
              initial={initial}
              base={open.kind === 'new' ? null : open.plan}
              shown={open.kind === 'new' ? null : open.version}
              readOnly={!canEdit}
              onPublished={(plan) => void published(plan)}
              onDiscard={() => setFormKey((key) => key + 1)}
              onDirty={onDirty}
            />
          )}
        </div>
      </main>
    </div>
  );
}

export default PlansScreen;
