import { parsePlanLibraryFile } from '@vigil/shared';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { ApiError } from '../../lib/http';
import { downloadJson } from '../report/downloadJson';
import { issueWhere, issuesOfRefusal, type PlanFormIssue } from './issuePaths';
import { planIssueText } from './planIssueText';
import { exportPlans, importPlans } from './plansApi';

/** A refused import, one line per plan, step and field. */
function ImportIssues({ issues, onDismiss }: { issues: readonly PlanFormIssue[]; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="plans__error" role="alert" data-testid="import-errors">
      <header className="plans-step__header">
        <strong>{t('plans.files.refused')}</strong>
        <button type="button" className="button button--quiet" onClick={onDismiss}>
          {t('plans.files.dismiss')}
        </button>
      </header>
      <ul className="plans-import-issues">
        {issues.map((issue, index) => {
          const where = issueWhere(issue.path);
          return (
            <li key={`${issue.path}-${index}`}>
              {where.plan && <span className="plans-import-issues__plan">{t('plans.where.plan', { index: where.plan.index + 1, id: where.plan.id ?? t('plans.where.noId') })}</span>}
              {where.step && <span className="plans-import-issues__step">{t('plans.where.step', { index: where.step.index + 1, id: where.step.id ?? t('plans.where.noId') })}</span>}
              {where.field && <code>{where.field}</code>}
              <span>{planIssueText(issue, t)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The whole library as one JSON file: export downloads it; import checks the file in the
 * browser first, then sends it; the server takes all of it or none.
 */
export function PlanFiles({ canEdit, onImported }: { canEdit: boolean; onImported: () => void }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<PlanFormIssue[]>([]);
  const [message, setMessage] = useState<{ kind: 'notice' | 'error'; text: string } | null>(null);

  const handleExport = async () => {
    setMessage(null);
    try {
      downloadJson('vigil-plans.json', await exportPlans());
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error, t) });
    }
  };

  const handleFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setIssues([]);
    setMessage(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setMessage({ kind: 'error', text: t('plans.files.notJson', { file: file.name }) });
      return;
    }
    const local = parsePlanLibraryFile(parsed);
    if (!local.ok) {
      setIssues(local.issues);
      return;
    }
    setBusy(true);
    try {
      const plans = await importPlans(local.value);
      setMessage({ kind: 'notice', text: t('plans.files.imported', { count: plans.length }) });
      onImported();
    } catch (error) {
      const found = error instanceof ApiError ? issuesOfRefusal(error) : [];
      if (found.length > 0) setIssues(found);
      else setMessage({ kind: 'error', text: describeError(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="plans-files">
      <div className="plans-files__buttons">
        <button type="button" className="button" data-testid="export-plans" onClick={() => void handleExport()}>
          {t('plans.files.export')}
        </button>
        {canEdit && (
          <button type="button" className="button" data-testid="import-plans" disabled={busy} onClick={() => inputRef.current?.click()}>
            {busy ? t('plans.files.importing') : t('plans.files.import')}
          </button>
        )}
        <input ref={inputRef} type="file" accept=".json,application/json" hidden data-testid="import-plans-file" onChange={(event) => void handleFile(event)} />
      </div>
      {message && (
        <p className={message.kind === 'error' ? 'plans__error' : 'plans__notice'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid={`import-${message.kind}`}>
          {message.text}
        </p>
      )}
      {issues.length > 0 && <ImportIssues issues={issues} onDismiss={() => setIssues([])} />}
    </div>
  );
}
