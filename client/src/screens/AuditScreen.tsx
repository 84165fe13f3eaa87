import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { BrandMark } from '../components/BrandMark';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { UserBadge } from '../components/UserBadge';
import type { PageCursor } from '../features/alarm-history/historyQuery';
import { AuditFilterForm } from '../features/audit/AuditFilterForm';
import { AuditTable } from '../features/audit/AuditTable';
import { fetchAuditPage, type AuditPage } from '../features/audit/auditApi';
import { auditExportPath, auditFiltersFromSearch, auditParams, type AuditFilters } from '../features/audit/auditQuery';
import { describeError } from '../i18n/describeError';
import '../features/alarm-history/history.css';
import '../features/audit/audit.css';

type Load = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; page: AuditPage };

/** `/admin/audit`: who did what and when (操作日志), searched on the server a page at a time, and its CSV export. Admins only. */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => auditFiltersFromSearch(search), [search]);
  const [cursor, setCursor] = useState<PageCursor>(null);
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    document.title = `${t('audit.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    let current = true;
    setLoad({ status: 'loading' });
    fetchAuditPage(filters, cursor).then(
      (page) => current && setLoad({ status: 'ready', page }),
      (error: unknown) => current && setLoad({ status: 'failed', message: describeError(error, t) }),
    );
    return () => {
      current = false;
    };
  }, [filters, cursor, t]);

  const handleSearch = useCallback(
    (next: AuditFilters) => {
      setCursor(null);
      setSearch(auditParams(next));
    },
    [setSearch],
  );
  const dateTime = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }), [i18n.language]);
  const formatTime = useCallback((iso: string) => dateTime.format(new Date(iso)), [dateTime]);
  const page = load.status === 'ready' ? load.page : null;
  const atNewest = cursor === null;

  return (
    <div className="history" data-testid="audit-screen">
      <header className="history__header">
        <div className="history__title">
          <BrandMark />
          <h1>{t('audit.title')}</h1>
        </div>
        <div className="history__status">
          <Link className="button button--quiet" to="/wall">
            {t('audit.back')}
          </Link>
          <LanguageSwitch />
          <UserBadge />
        </div>
      </header>
      <main className="history__main">
        <AuditFilterForm key={search.toString()} initial={filters} onSearch={handleSearch} />
        <section className="history__results" aria-live="polite">
          <div className="history__toolbar">
            <div className="history__pager">
              <button type="button" className="button" disabled={atNewest || !page?.prevCursor} onClick={() => page?.prevCursor && setCursor({ after: page.prevCursor })} data-testid="audit-newer">
                {t('audit.newer')}
              </button>
              <button type="button" className="button" disabled={!page?.nextCursor} onClick={() => page?.nextCursor && setCursor({ before: page.nextCursor })} data-testid="audit-older">
                {t('audit.older')}
              </button>
              {!atNewest && (
                <button type="button" className="button button--quiet" onClick={() => setCursor(null)} data-testid="audit-newest">
                  {t('audit.newest')}
                </button>
              )}
              {page && <span className="history__count">{t('audit.shown', { count: page.entries.length })}</span>}
            </div>
            {load.status !== 'failed' && (
              <a className="button" href={auditExportPath(filters, i18n.language)} download title={t('audit.exportHint')} data-testid="audit-export">
                {t('audit.exportCsv')}
              </a>
            )}
          </div>
          <p className="audit-note">{t('audit.appendOnly')}</p>
          {load.status === 'loading' && <p className="history__note">{t('audit.loading')}</p>}
          {load.status === 'failed' && (
            <p className="history__note history__note--error" role="alert" data-testid="audit-error">
              {t('audit.failed', { message: load.message })}
            </p>
          )}
          {page && page.entries.length === 0 && (
            <p className="history__note" data-testid="audit-empty">
              {t('audit.empty')}
            </p>
          )}
          {page && page.entries.length > 0 && <AuditTable entries={page.entries} formatTime={formatTime} />}
        </section>
      </main>
    </div>
  );
}

export default AuditScreen;
