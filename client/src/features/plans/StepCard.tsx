import { AUTO_ACTIONS, CALL_PARTIES, PLAN_ROLES, STEP_KINDS, type Bilingual, type ChoiceOption, type PlanRole } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { FieldBlock, FormField, IssueList } from './FormField';
import type { PlanFormIssue } from './issuePaths';
import { answersOfKind, type StepDraft } from './planDraft';

/** A select's value for a branch: absent (next in order), null (the end), or a step id. */
const IN_ORDER = '';
const END = '\u0000end';

function targetValue(target: string | null | undefined): string {
  if (target === undefined) return IN_ORDER;
  return target === null ? END : target;
}

function targetOf(value: string): string | null | undefined {
  if (value === IN_ORDER) return undefined;
  return value === END ? null : value;
}

function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

function TargetSelect({ value, stepIds, onChange, inOrder }: { value: string | null | undefined; stepIds: readonly string[]; onChange: (target: string | null | undefined) => void; inOrder: boolean }) {
  const { t } = useTranslation();
  const current = targetValue(value);
  // A branch to a step that is no longer in the plan stays visible, so the validator's refusal has something to point at.
  const ids = value && !stepIds.includes(value) ? [...stepIds, value] : stepIds;
  return (
    <select value={current} onChange={(event) => onChange(targetOf(event.target.value))}>
      {inOrder && <option value={IN_ORDER}>{t('plans.form.nextInOrder')}</option>}
      <option value={END}>{t('plans.form.end')}</option>
      {ids.map((id) => (
        <option key={id} value={id}>
          {id}
        </option>
      ))}
    </select>
  );
}

function TextPair({ base, labels, value, onChange, multiline }: { base: string; labels: [string, string]; value: Bilingual; onChange: (text: Bilingual) => void; multiline?: boolean }) {
  return (
    <>
      {(['zh', 'en'] as const).map((language, i) => (
        <FormField key={language} label={labels[i] ?? language} field={`${base}.${language}`} wide={multiline}>
          {multiline ? (
            <textarea rows={2} value={value[language]} onChange={(event) => onChange({ ...value, [language]: event.target.value })} />
          ) : (
            <input value={value[language]} onChange={(event) => onChange({ ...value, [language]: event.target.value })} />
          )}
        </FormField>
      ))}
    </>
  );
}

interface StepCardProps {
  step: StepDraft;
  index: number;
  count: number;
  /** The ids of the steps after this one: a branch only leads forward. */
  laterIds: readonly string[];
  roles: readonly PlanRole[];
  issues: readonly PlanFormIssue[];
  onChange: (patch: Partial<StepDraft>) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}

/** One step of the plan: what it asks, who does it, its time limits and where each answer leads. */
export function StepCard({ step, index, count, laterIds, roles, issues, onChange, onMove, onRemove }: StepCardProps) {
  const { t } = useTranslation();
  const at = (field: string) => `steps.${index}.${field}`;
  const setOption = (o: number, patch: Partial<ChoiceOption>) => onChange({ options: step.options.map((option, i) => (i === o ? { ...option, ...patch } : option)) });
  const roleChoices = PLAN_ROLES.filter((role) => roles.includes(role) || role === step.role);

  return (
    <li className="plans-step" data-testid={`step-${index}`}>
      <header className="plans-step__header">
        <h4>
          {t('plans.form.step', { n: index + 1 })} · <code>{step.id || '—'}</code>
        </h4>
        <div className="plans-step__tools">
          <button type="button" className="button button--quiet" disabled={index === 0} onClick={() => onMove(-1)}>
            {t('plans.form.moveUp')}
          </button>
          <button type="button" className="button button--quiet" disabled={index === count - 1} onClick={() => onMove(1)}>
            {t('plans.form.moveDown')}
          </button>
          <button type="button" className="button button--quiet" disabled={count === 1} onClick={onRemove}>
            {t('plans.form.removeStep')}
          </button>
        </div>
      </header>
      {issues.length > 0 && (
        <div className="plans-step__issues" data-testid={`step-${index}-issues`}>
          <IssueList issues={issues} />
        </div>
      )}
      <div className="plans-grid">
        <FormField label={t('plans.form.stepId')} field={at('id')}>
          <input value={step.id} onChange={(event) => onChange({ id: event.target.value })} />
        </FormField>
        <FormField label={t('plans.form.kind')} field={at('kind')}>
          <select value={step.kind} onChange={(event) => onChange({ kind: event.target.value as StepDraft['kind'] })}>
            {STEP_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`plans.stepKind.${kind}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('plans.form.role')} field={at('role')}>
          <select value={step.role} onChange={(event) => onChange({ role: event.target.value as PlanRole })}>
            {roleChoices.map((role) => (
              <option key={role} value={role}>
                {t(`plans.role.${role}`)}
              </option>
            ))}
          </select>
        </FormField>
        <TextPair base={at('title')} labels={[t('plans.form.titleZh'), t('plans.form.titleEn')]} value={step.title} onChange={(title) => onChange({ title })} />
        <TextPair
          base={at('detail')}
          labels={[t('plans.form.detailZh'), t('plans.form.detailEn')]}
          value={step.detail}
          onChange={(detail) => onChange({ detail })}
          multiline
        />
        <FormField label={t('plans.form.dueAfterSec')} field={at('dueAfterSec')}>
          <input type="number" min={0} value={Number.isNaN(step.dueAfterSec) ? '' : step.dueAfterSec} onChange={(event) => onChange({ dueAfterSec: numberOf(event.target.value) })} />
        </FormField>
        <FormField label={t('plans.form.warnAtSec')} field={at('warnAtSec')}>
          <input type="number" min={0} value={Number.isNaN(step.warnAtSec) ? '' : step.warnAtSec} onChange={(event) => onChange({ warnAtSec: numberOf(event.target.value) })} />
        </FormField>
        <FormField label={t('plans.form.required')} field={at('required')} check>
          <input type="checkbox" checked={step.required} onChange={(event) => onChange({ required: event.target.checked })} />
        </FormField>
        {step.kind === 'call' && (
          <FormField label={t('plans.form.party')} field={at('party')}>
            <select value={step.party ?? ''} onChange={(event) => onChange({ party: event.target.value === '' ? null : (event.target.value as StepDraft['party']) })}>
              <option value="">{t('plans.form.choose')}</option>
              {CALL_PARTIES.map((party) => (
                <option key={party} value={party}>
                  {t(`plans.party.${party}`)}
                </option>
              ))}
            </select>
          </FormField>
        )}
        {step.kind === 'auto' && (
          <FormField label={t('plans.form.action')} field={at('action')}>
            <select value={step.action ?? ''} onChange={(event) => onChange({ action: event.target.value === '' ? null : (event.target.value as StepDraft['action']) })}>
              <option value="">{t('plans.form.choose')}</option>
              {AUTO_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {t(`plans.action.${action}`)}
                </option>
              ))}
            </select>
          </FormField>
        )}
        {step.kind === 'dispatch' && (
          <FormField label={t('plans.form.guards')} field={at('guards')}>
            <input
              type="number"
              min={1}
              value={step.guards === null || Number.isNaN(step.guards) ? '' : step.guards}
              onChange={(event) => onChange({ guards: event.target.value.trim() === '' ? null : numberOf(event.target.value) })}
            />
          </FormField>
        )}
        {answersOfKind(step.kind).map((answer) => (
          <FormField key={answer} label={t('plans.form.nextAfter', { answer: t(`plans.answer.${answer}`) })} field={at(`next.${answer}`)}>
            <TargetSelect value={step.next[answer]} stepIds={laterIds} inOrder onChange={(target) => onChange({ next: withTarget(step.next, answer, target) })} />
          </FormField>
        ))}
      </div>
      {step.kind === 'choice' && (
        <ChoiceOptions step={step} at={at} laterIds={laterIds} setOption={setOption} onChange={onChange} />
      )}
    </li>
  );
}

function withTarget(next: StepDraft['next'], answer: 'done' | 'yes' | 'no', target: string | null | undefined): StepDraft['next'] {
  const copy = { ...next };
  if (target === undefined) delete copy[answer];
  else copy[answer] = target;
  return copy;
}

function ChoiceOptions({
  step,
  at,
  laterIds,
  setOption,
  onChange,
}: {
  step: StepDraft;
  at: (field: string) => string;
  laterIds: readonly string[];
  setOption: (index: number, patch: Partial<ChoiceOption>) => void;
  onChange: (patch: Partial<StepDraft>) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const addOption = () =>
    onChange({ options: [...step.options, { id: `option_${step.options.length + 1}`, label: { zh: '', en: '' }, next: laterIds[0] ?? null }] });
  return (
    <FieldBlock label={t('plans.form.options')} field={at('options')}>
      <ol className="plans-options">
        {step.options.map((option, o) => (
          <li key={o} className="plans-grid">
            <FormField label={t('plans.form.optionId')} field={at(`options.${o}.id`)}>
              <input value={option.id} onChange={(event) => setOption(o, { id: event.target.value })} />
            </FormField>
            <TextPair base={at(`options.${o}.label`)} labels={[t('plans.form.labelZh'), t('plans.form.labelEn')]} value={option.label} onChange={(label) => setOption(o, { label })} />
            <FormField label={t('plans.form.nextAfter', { answer: option.label[language] || option.id })} field={at(`options.${o}.next`)}>
              <TargetSelect value={option.next} stepIds={laterIds} inOrder={false} onChange={(target) => setOption(o, { next: target ?? null })} />
            </FormField>
            <button type="button" className="button button--quiet" onClick={() => onChange({ options: step.options.filter((_, i) => i !== o) })}>
              {t('plans.form.removeOption')}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={addOption}>
        {t('plans.form.addOption')}
      </button>
    </FieldBlock>
  );
}
