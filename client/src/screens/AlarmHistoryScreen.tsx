import type { Alarm, Site } from '@vigil/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { BrandMark } from '../components/BrandMark';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { UserBadge } from '../components/UserBadge';
import { AlarmTimelinePanel } from '../features/alarm-history/AlarmTimelinePanel';
import { HistoryFilterForm } from '../features/alarm-history/HistoryFilterForm';
import { HistoryTable } from '../features/alarm-history/HistoryTable';
import { fetchHistoryPage, type HistoryPage } from '../features/alarm-history/historyApi';
import { exportPath, filterParams, filtersFromSearch, type HistoryFilters, type PageCursor } from '../features/alarm-history/historyQuery';
import { fetchSites } from '../features/sites/sitesApi';
import { describeError } from '../i18n/describeError';
import { useLocalizedName } from '../i18n/useLocalizedName';
import '../features/alarm-history/history.css';

type Load = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; page: HistoryPage };

/** `/alarms/history`: every alarm (报警记录), searched on the server, a page at a time, with its timeline and a CSV export. */
export function AlarmHistoryScreen() {
  const { t, i18n } = useTranslation();
  const nameOf = useLocalizedName();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const [cursor, setCursor] = useState<PageCursor>(null);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [sites, setSites] = useState<Site[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('history.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    fetchSites().then(setSites, () => setSites([]));
  }, []);

  useEffect(() => {
    let current = true;
    setLoad({ status: 'loading' });
    fetchHistoryPage(filters, cursor).then(
      (page) => current && setLoad({ status: 'ready', page }),
      (error: unknown) => current && setLoad({ status: 'failed', message: describeError(error, t) }),
    );
    return () => {
      current = false;
    };
  }, [filters, cursor, t]);

  const handleSearch = useCallback(
    (next: HistoryFilters) => {
      setCursor(null);
      setOpenId(null);
      setSearch(filterParams(next));
    },
    [setSearch],
  );

  const dateTime = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }), [i18n.language]);
  const formatTime = useCallback((iso: string) => dateTime.format(new Date(iso)), [dateTime]);
  const names = useMemo(() => {
    const zones = new Map(sites.flatMap((site) => site.zones.map((zone) => [zone.id, zone] as const)));
    const devices = new Map(sites.flatMap((site) => site.devices.map((device) => [device.id, device] as const)));
    return { zones, devices };
  }, [sites]);
  const placeOf = useCallback(
    (alarm: Alarm) => {
      const zone = alarm.zoneId ? names.zones.get(alarm.zoneId) : undefined;
      const device = alarm.deviceId ? names.devices.get(alarm.deviceId) : undefined;
      const parts = [zone ? nameOf(zone) : alarm.zoneId, device ? nameOf(device) : alarm.deviceId].filter(Boolean);
      return parts.length > 0 ? parts.join(' · ') : '—';
    },
    [names, nameOf],
  );

  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const page = load.status === 'ready' ? load.page : null;
  // The first page is the newest: a new search (or "back to newest") reads what arrived since.
  const atNewest = cursor === null;

  return (
    <div className="history" data-testid="history-screen">
      <header className="history__header">
        <div className="history__title">
          <BrandMark />
          <h1>{t('history.title')}</h1>
        </div>
        <div className="history__status">
          <Link className="button button--quiet" to="/wall">
            {t('history.back')}
          </Link>
          <LanguageSwitch />
          <UserBadge />
        </div>
      </header>
      <main className={`history__main${openId ? ' has-timeline' : ''}`}>
        <HistoryFilterForm key={search.toString()} initial={filters} sites={sites} onSearch={handleSearch} />
        <section className="history__results" aria-live="polite">
          <div className="history__toolbar">
            <div className="history__pager">
              <button
                type="button"
                className="button"
                disabled={atNewest || !page?.prevCursor}
                onClick={() => page?.prevCursor && setCursor({ after: page.prevCursor })}
                data-testid="history-newer"
              >
                {t('history.newer')}
              </button>
              <button type="button" className="button" disabled={!page?.nextCursor} onClick={() => page?.nextCursor && setCursor({ before: page.nextCursor })} data-testid="history-older">
                {t('history.older')}
              </button>
              {!atNewest && (
                <button type="button" className="button button--quiet" onClick={() => setCursor(null)} data-testid="history-newest">
                  {t('history.newest')}
                </button>
              )}
              {page && <span className="history__count">{t('history.shown', { count: page.alarms.length })}</span>}
            </div>
            {/* A search the server refused would download its refusal: the link waits for a search that works. */}
            {load.status !== 'failed' && (
              <a className="button" href={exportPath(filters, i18n.language, timeZone)} download title={t('history.exportHint')} data-testid="history-export">
                {t('history.exportCsv')}
              </a>
            )}
          </div>
          {load.status === 'loading' && <p className="history__note">{t('history.loading')}</p>}
          {load.status === 'failed' && (
            <p className="history__note history__note--error" role="alert" data-testid="history-error">
              {t('history.failed', { message: load.message })}
            </p>
          )}
          {page && page.alarms.length === 0 && (
            <p className="history__note" data-testid="history-empty">
              {t('history.empty')}
            </p>
          )}
          {page && page.alarms.length > 0 && <HistoryTable alarms={page.alarms} openId={openId} onOpen={(alarm) => setOpenId(alarm.id)} placeOf={placeOf} formatTime={formatTime} />}
        </section>
        {openId && <AlarmTimelinePanel alarmId={openId} onClose={() => setOpenId(null)} formatTime={formatTime} />}
      </main>
    </div>
  );
}

export default AlarmHistoryScreen;
