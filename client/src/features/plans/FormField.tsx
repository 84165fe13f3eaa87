import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanFormIssue } from './issuePaths';
import { planIssueText } from './planIssueText';

/** The refused fields of the last publish attempt, by the form's input keys (see issuePaths). */
export const FieldIssues = createContext<ReadonlyMap<string, PlanFormIssue[]>>(new Map());

export function IssueList({ issues, testId }: { issues: readonly PlanFormIssue[]; testId?: string }) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <ul className="plans-field__errors" role="alert" data-testid={testId}>
      {issues.map((issue, index) => (
        <li key={`${issue.path}-${index}`}>{planIssueText(issue, t)}</li>
      ))}
    </ul>
  );
}

/**
 * One labelled input of the plan form, its refusals right under it. `field` is the input's key
 * (`steps.3.title.en`): the e2e tests and the error placement find it by `data-field`.
 */
export function FormField({ label, field, children, wide, check }: { label: string; field: string; children: ReactNode; wide?: boolean; check?: boolean }) {
  const issues = useContext(FieldIssues).get(field) ?? [];
  return (
    <div
      className={`plans-field${wide ? ' plans-field--wide' : ''}${check ? ' plans-field--check' : ''}${issues.length > 0 ? ' plans-field--invalid' : ''}`}
      data-field={field}
      data-invalid={issues.length > 0 || undefined}
    >
      <label className="plans-field__label">
        <span>{label}</span>
        {children}
      </label>
      <IssueList issues={issues} testId={`issues-${field}`} />
    </div>
  );
}

/** The refusals of a field that is a block (a list of options), not one input. */
export function FieldBlock({ label, field, children }: { label: string; field: string; children: ReactNode }) {
  const issues = useContext(FieldIssues).get(field) ?? [];
  return (
    <div className={`plans-field plans-field--wide${issues.length > 0 ? ' plans-field--invalid' : ''}`} data-field={field} data-invalid={issues.length > 0 || undefined}>
      <span className="plans-field__label">{label}</span>
      {children}
      <IssueList issues={issues} testId={`issues-${field}`} />
    </div>
  );
}

/** A group of checkboxes (alarm kinds, zone kinds, roles) as one field. */
export function CheckGroup<T extends string>({
  label,
  field,
  values,
  selected,
  labelOf,
  onChange,
}: {
  label: string;
  field: string;
  values: readonly T[];
  selected: readonly T[];
  labelOf: (value: T) => string;
  onChange: (next: T[]) => void;
}) {
  const issues = useContext(FieldIssues).get(field) ?? [];
  return (
    <fieldset className={`plans-checks${issues.length > 0 ? ' plans-field--invalid' : ''}`} data-field={field} data-invalid={issues.length > 0 || undefined}>
      <legend className="plans-field__label">{label}</legend>
      <div className="plans-checks__items">
        {values.map((value) => (
          <label key={value} className="plans-checks__item">
            <input
              type="checkbox"
              value={value}
              checked={selected.includes(value)}
              onChange={(event) => onChange(values.filter((item) => (item === value ? event.target.checked : selected.includes(item))))}
            />
            {labelOf(value)}
          </label>
        ))}
      </div>
      <IssueList issues={issues} testId={`issues-${field}`} />
    </fieldset>
  );
}
