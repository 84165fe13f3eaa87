import { AUDIT_KINDS, type AuditKind } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyAuditFilters, type AuditFilters } from './auditQuery';

/** The audit log's filters; a search runs on submit, from the newest page. */
export function AuditFilterForm({ initial, onSearch }: { initial: AuditFilters; onSearch: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const set = (patch: Partial<AuditFilters>) => setDraft((current) => ({ ...current, ...patch }));
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft);
  };
  const handleClear = () => {
    setDraft(emptyAuditFilters());
    onSearch(emptyAuditFilters());
  };
  return (
    <form className="history-filters" onSubmit={handleSubmit} aria-label={t('audit.filters')} data-testid="audit-filters">
      <label className="history-field">
        <span>{t('audit.from')}</span>
        <input type="datetime-local" value={draft.from} onChange={(event) => set({ from: event.target.value })} data-testid="audit-from" />
      </label>
      <label className="history-field">
        <span>{t('audit.to')}</span>
        <input type="datetime-local" value={draft.to} onChange={(event) => set({ to: event.target.value })} data-testid="audit-to" />
      </label>
      <label className="history-field">
        <span>{t('audit.actor')}</span>
        <input type="search" maxLength={100} value={draft.actor} placeholder={t('audit.actorPlaceholder')} onChange={(event) => set({ actor: event.target.value })} data-testid="audit-actor" />
      </label>
      <fieldset className="history-field history-checks">
        <legend>{t('audit.kinds')}</legend>
        {AUDIT_KINDS.map((kind) => (
          <label key={kind} className="history-check">
            <input
              type="checkbox"
              checked={draft.kinds.includes(kind)}
              data-testid={`audit-kind-${kind}`}
              onChange={(event) => set({ kinds: event.target.checked ? [...draft.kinds, kind] : draft.kinds.filter((item): item is AuditKind => item !== kind) })}
            />
            {t(`audit.kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      <label className="history-field history-field--wide">
        <span>{t('audit.text')}</span>
        <input type="search" maxLength={100} value={draft.q} placeholder={t('audit.textPlaceholder')} onChange={(event) => set({ q: event.target.value })} data-testid="audit-text" />
      </label>
      <div className="history-filters__buttons">
        <button type="submit" className="button button--primary" data-testid="audit-search">
          {t('audit.search')}
        </button>
        <button type="button" className="button button--quiet" onClick={handleClear} data-testid="audit-clear">
          {t('audit.clear')}
        </button>
      </div>
    </form>
  );
}
