import type { PatrolRoute, Site } from '@vigil/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../components/BrandMark';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { UserBadge } from '../components/UserBadge';
import { fetchSites } from '../features/sites/sitesApi';
import { fetchRoutes } from '../features/patrol/patrolApi';
import { RouteEditor, draftOf, emptyDraft, type RosterEntry } from '../features/patrol/RouteEditor';
import { requestJson } from '../lib/http';
import { useLocalizedName } from '../i18n/useLocalizedName';
import '../features/patrol/patrol.css';

/** `/admin/patrols`: the patrol routes (巡更路线) of a site, drawn on its plan, with their labels. */
export default function PatrolsScreen() {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const [sites, setSites] = useState<Site[]>([]);
  const [siteId, setSiteId] = useState<string | null>(null);
  const [routes, setRoutes] = useState<PatrolRoute[]>([]);
  const [guards, setGuards] = useState<RosterEntry[]>([]);
  const [selected, setSelected] = useState<string | 'new' | null>(null);

  useEffect(() => {
    document.title = `${t('patrol.admin.title')} · ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    fetchSites().then(
      (list) => {
        setSites(list);
        setSiteId((current) => current ?? list[0]?.id ?? null);
      },
      () => setSites([]),
    );
    requestJson<{ guards: RosterEntry[] }>('/api/v1/guards').then(
      ({ guards: list }) => setGuards(list),
      () => setGuards([]),
    );
  }, []);
  const reload = (keep?: string | null) => {
    if (!siteId) return;
    fetchRoutes(siteId).then(
      (list) => {
        setRoutes(list);
        setSelected((current) => (keep !== undefined ? keep : (current ?? list[0]?.id ?? 'new')));
      },
      () => setRoutes([]),
    );
  };
  useEffect(() => reload(), [siteId]); // reload reads siteId only

  const site = sites.find((s) => s.id === siteId);
  const route = routes.find((r) => r.id === selected);
  return (
    <div className="patrol-admin" data-testid="patrols-screen">
      <header>
        <BrandMark />
        <h1>{t('patrol.admin.title')}</h1>
        <label>
          {t('patrol.admin.site')}{' '}
          <select value={siteId ?? ''} onChange={(e) => setSiteId(e.target.value)}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {nameOf(s)}
              </option>
            ))}
          </select>
        </label>
        <LanguageSwitch />
        <UserBadge />
      </header>
      <nav>
        <h2>{t('patrol.admin.routes')}</h2>
        <ul className="patrol-admin__list">
          {routes.map((r) => (
            <li key={r.id}>
              <button type="button" aria-current={r.id === selected} onClick={() => setSelected(r.id)}>
                {nameOf(r)} · {r.schedule.start}–{r.schedule.end} / {r.schedule.everyMinutes}′
              </button>
            </li>
          ))}
          <li>
            <button type="button" aria-current={selected === 'new'} onClick={() => setSelected('new')} data-testid="route-new">
              + {t('patrol.admin.newRoute')}
            </button>
          </li>
        </ul>
      </nav>
      {site && selected && (
        <RouteEditor
          key={`${site.id}:${selected}`}
          site={site}
          guards={guards}
          draft={route ? draftOf(route) : emptyDraft(site.id)}
          routeId={route?.id ?? null}
          onSaved={(saved) => reload(saved?.id ?? null)}
        />
      )}
    </div>
  );
}
