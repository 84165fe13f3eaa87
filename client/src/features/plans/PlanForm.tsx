import { ALARM_KINDS, INCIDENT_LEVELS, INCIDENT_TYPES, MAX_PRIORITY, MIN_PRIORITY, PLAN_ROLES, ZONE_KINDS, parsePlanTemplate, type ActivationRule, type IncidentLevel } from '@vigil/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { ApiError } from '../../lib/http';
import { CheckGroup, FieldIssues, FormField, IssueList } from './FormField';
import { formFieldKeys, issuesOfRefusal, placeIssues, type PlanFormIssue } from './issuePaths';
import { freshStepId, moved, toPlanInput, emptyStep, type PlanDraft, type StepDraft } from './planDraft';
import { publishPlan, type LibraryPlan } from './plansApi';
import { StepCard } from './StepCard';

interface PlanFormProps {
  initial: PlanDraft;
  /** The version this one follows (null: a new plan). */
  base: LibraryPlan | null;
  /** The version the form was filled from (an older one when the admin picked it). */
  shown: LibraryPlan | null;
  readOnly: boolean;
  onPublished: (plan: LibraryPlan) => void;
  onDiscard: () => void;
  /** Told whether the form holds unpublished changes (the screen asks before dropping them). */
  onDirty: (dirty: boolean) => void;
}

const emptyRule = (): ActivationRule => ({ alarmKinds: [], zoneKinds: [], zoneIds: [], maxPriority: null });

/** Renames a step's id in every branch that named it, so renaming a step keeps its branches. */
function renamed(steps: StepDraft[], from: string, to: string): StepDraft[] {
  const swap = <T extends string | null | undefined>(target: T) => (target === from ? to : target);
  return steps.map((step) => ({
    ...step,
    next: Object.fromEntries(Object.entries(step.next).map(([answer, target]) => [answer, swap(target)])),
    options: step.options.map((option) => ({ ...option, next: swap(option.next) })),
  }));
}

/**
 * The plan form: a new version of a plan (or a new plan), checked by the shared validator in the
 * browser, then by the server. Every refusal is shown next to the field it names; nothing is
 * saved while any remains.
 */
export function PlanForm({ initial, base, shown, readOnly, onPublished, onDiscard, onDirty }: PlanFormProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const [draft, setDraft] = useState(initial);
  const [issues, setIssues] = useState<PlanFormIssue[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => onDirty(draft !== initial), [draft, initial, onDirty]);

  const placed = useMemo(() => placeIssues(issues, formFieldKeys(draft)), [issues, draft]);
  const update = (patch: Partial<PlanDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const setStep = (index: number, patch: Partial<StepDraft>) =>
    setDraft((current) => {
      const old = current.steps[index];
      let steps = current.steps.map((step, i) => (i === index ? { ...step, ...patch } : step));
      if (old && patch.id !== undefined && patch.id !== old.id && old.id !== '') steps = renamed(steps, old.id, patch.id);
      return { ...current, steps };
    });
  const setRule = (index: number, patch: Partial<ActivationRule>) => update({ activation: draft.activation.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)) });

  const showIssues = (found: PlanFormIssue[]) => {
    setIssues(found);
    // The first refused input, in view: the admin sees what to fix without hunting for it.
    requestAnimationFrame(() => {
      const first = document.querySelector<HTMLElement>('[data-invalid]');
      first?.scrollIntoView({ block: 'center' });
      first?.querySelector<HTMLElement>('input, select, textarea')?.focus({ preventScroll: true });
    });
  };

  const publish = async () => {
    setFailure(null);
    const input = toPlanInput(draft);
    const local = parsePlanTemplate(input);
    if (!local.ok) {
      showIssues(local.issues);
      return;
    }
    setIssues([]);
    setBusy(true);
    try {
      onPublished(await publishPlan(local.value));
    } catch (error) {
      const found = error instanceof ApiError ? issuesOfRefusal(error) : [];
      if (found.length > 0) showIssues(found);
      else setFailure(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const heading = readOnly && shown
    ? t('plans.form.viewHeading', { name: shown.name[language], version: shown.version })
    : base
      ? t('plans.form.editHeading', { name: base.name[language], version: base.version })
      : t('plans.form.newHeading');

  return (
    <FieldIssues.Provider value={placed.fields}>
      <form
        className="plans-form"
        data-testid="plan-form"
        onSubmit={(event) => {
          event.preventDefault();
          void publish();
        }}
      >
        <h2>{heading}</h2>
        <p className="plans__note" data-testid="running-note">
          {t('plans.runningNote')}
        </p>
        {(issues.length > 0 || failure) && (
          <div className="plans__error" data-testid="plan-errors">
            <strong>{t('plans.form.errorsTitle')}</strong>
            <IssueList issues={placed.plan} />
            {failure && <p role="alert">{failure}</p>}
          </div>
        )}
        <fieldset className="plans-form__body" disabled={readOnly || busy}>
          <section className="plans-section">
            <h3>{t('plans.form.basics')}</h3>
            <div className="plans-grid">
              <FormField label={t('plans.form.id')} field="id">
                <input value={draft.id} disabled={base !== null} placeholder={t('plans.form.idHint')} onChange={(event) => update({ id: event.target.value })} />
              </FormField>
              <FormField label={t('plans.form.incidentType')} field="incidentType">
                <select value={draft.incidentType} onChange={(event) => update({ incidentType: event.target.value as PlanDraft['incidentType'] })}>
                  {INCIDENT_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`plans.incidentType.${type}`)}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField label={t('plans.form.level')} field="level">
                <select value={draft.level} onChange={(event) => update({ level: Number(event.target.value) as IncidentLevel })}>
                  {INCIDENT_LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {t(`plans.level.${level}`)}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField label={t('plans.form.nameZh')} field="name.zh">
                <input value={draft.name.zh} onChange={(event) => update({ name: { ...draft.name, zh: event.target.value } })} />
              </FormField>
              <FormField label={t('plans.form.nameEn')} field="name.en">
                <input value={draft.name.en} onChange={(event) => update({ name: { ...draft.name, en: event.target.value } })} />
              </FormField>
              <FormField label={t('plans.form.summaryZh')} field="summary.zh" wide>
                <textarea rows={3} value={draft.summary.zh} onChange={(event) => update({ summary: { ...draft.summary, zh: event.target.value } })} />
              </FormField>
              <FormField label={t('plans.form.summaryEn')} field="summary.en" wide>
                <textarea rows={3} value={draft.summary.en} onChange={(event) => update({ summary: { ...draft.summary, en: event.target.value } })} />
              </FormField>
            </div>
            <CheckGroup
              label={t('plans.form.roles')}
              field="roles"
              values={PLAN_ROLES}
              selected={draft.roles}
              labelOf={(role) => t(`plans.role.${role}`)}
              onChange={(roles) => update({ roles })}
            />
          </section>

          <section className="plans-section" data-field="activation">
            <h3>{t('plans.form.activation')}</h3>
            <p className="plans__hint">{t('plans.form.activationHint')}</p>
            <IssueList issues={placed.fields.get('activation') ?? []} />
            {draft.activation.length === 0 && <p className="plans__hint">{t('plans.form.noRules')}</p>}
            {draft.activation.map((rule, r) => (
              <div key={r} className="plans-rule" data-testid={`rule-${r}`}>
                <header className="plans-step__header">
                  <h4>{t('plans.form.rule', { n: r + 1 })}</h4>
                  <button type="button" className="button button--quiet" onClick={() => update({ activation: draft.activation.filter((_, i) => i !== r) })}>
                    {t('plans.form.removeRule')}
                  </button>
                </header>
                <CheckGroup
                  label={t('plans.form.alarmKinds')}
                  field={`activation.${r}.alarmKinds`}
                  values={ALARM_KINDS}
                  selected={rule.alarmKinds}
                  labelOf={(kind) => t(`alarmKind.${kind}`)}
                  onChange={(alarmKinds) => setRule(r, { alarmKinds })}
                />
                <CheckGroup
                  label={t('plans.form.zoneKinds')}
                  field={`activation.${r}.zoneKinds`}
                  values={ZONE_KINDS}
                  selected={rule.zoneKinds}
                  labelOf={(kind) => t(`zoneKind.${kind}`)}
                  onChange={(zoneKinds) => setRule(r, { zoneKinds })}
                />
                <FormField label={t('plans.form.maxPriority')} field={`activation.${r}.maxPriority`}>
                  <select value={rule.maxPriority ?? ''} onChange={(event) => setRule(r, { maxPriority: event.target.value === '' ? null : Number(event.target.value) })}>
                    <option value="">{t('plans.form.anyPriority')}</option>
                    {Array.from({ length: MAX_PRIORITY - MIN_PRIORITY + 1 }, (_, i) => MIN_PRIORITY + i).map((priority) => (
                      <option key={priority} value={priority}>
                        {t('plans.form.priorityAtLeast', { priority })}
                      </option>
                    ))}
                  </select>
                </FormField>
              </div>
            ))}
            <button type="button" className="button" onClick={() => update({ activation: [...draft.activation, emptyRule()] })}>
              {t('plans.form.addRule')}
            </button>
          </section>

          <section className="plans-section" data-field="steps">
            <h3>{t('plans.form.steps')}</h3>
            <IssueList issues={placed.fields.get('steps') ?? []} />
            <ol className="plans-steps">
              {draft.steps.map((step, index) => (
                <StepCard
                  key={step.key}
                  step={step}
                  index={index}
                  count={draft.steps.length}
                  laterIds={draft.steps.slice(index + 1).map((later) => later.id)}
                  roles={draft.roles}
                  issues={placed.steps.get(index) ?? []}
                  onChange={(patch) => setStep(index, patch)}
                  onMove={(by) => update({ steps: moved(draft.steps, index, by) })}
                  onRemove={() => update({ steps: draft.steps.filter((_, i) => i !== index) })}
                />
              ))}
            </ol>
            <button type="button" className="button" data-testid="add-step" onClick={() => update({ steps: [...draft.steps, emptyStep(freshStepId(draft.steps))] })}>
              {t('plans.form.addStep')}
            </button>
          </section>
        </fieldset>
        {!readOnly && (
          <div className="plans-form__actions">
            <button type="submit" className="button button--primary" data-testid="publish-plan" disabled={busy}>
              {busy ? t('plans.form.publishing') : t('plans.form.publish')}
            </button>
            <button type="button" className="button button--quiet" disabled={busy} onClick={onDiscard}>
              {t('plans.form.discard')}
            </button>
          </div>
        )}
      </form>
    </FieldIssues.Provider>
  );
}
