import { ALARM_KINDS, ALARM_STATES, DISPOSITIONS, type AlarmKind, type Disposition, type Site } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { emptyFilters, type HistoryFilters } from './historyQuery';

const selected = <T extends string>(select: HTMLSelectElement) => [...select.selectedOptions].map((option) => option.value as T);

/** The history's filters; a search runs on submit (not on each key), from the newest page. */
export function HistoryFilterForm({ initial, sites, onSearch }: { initial: HistoryFilters; sites: readonly Site[]; onSearch: (filters: HistoryFilters) => void }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const [draft, setDraft] = useState(initial);
  const set = (patch: Partial<HistoryFilters>) => setDraft((current) => ({ ...current, ...patch }));
  const shownSites = draft.siteId ? sites.filter((site) => site.id === draft.siteId) : sites;
  const zones = shownSites.flatMap((site) => site.zones);
  const devices = shownSites.flatMap((site) => site.devices).filter((device) => !draft.zoneId || device.zoneId === draft.zoneId);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft);
  };
  const handleClear = () => {
    setDraft(emptyFilters());
    onSearch(emptyFilters());
  };

  return (
    <form className="history-filters" onSubmit={handleSubmit} aria-label={t('history.filters')} data-testid="history-filters">
      <label className="history-field">
        <span>{t('history.from')}</span>
        <input type="datetime-local" value={draft.from} onChange={(event) => set({ from: event.target.value })} data-testid="filter-from" />
      </label>
      <label className="history-field">
        <span>{t('history.to')}</span>
        <input type="datetime-local" value={draft.to} onChange={(event) => set({ to: event.target.value })} data-testid="filter-to" />
      </label>
      <label className="history-field history-field--tall">
        <span>{t('history.kinds')}</span>
        <select multiple value={draft.kinds} onChange={(event) => set({ kinds: selected<AlarmKind>(event.target) })} data-testid="filter-kind" title={t('history.anyKind')}>
          {ALARM_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`alarmKind.${kind}`)}
            </option>
          ))}
        </select>
        <small>{t('history.anyKind')}</small>
      </label>
      {sites.length > 1 && (
        <label className="history-field">
          <span>{t('history.site')}</span>
          <select value={draft.siteId} onChange={(event) => set({ siteId: event.target.value, zoneId: '', deviceId: '' })} data-testid="filter-site">
            <option value="">{t('history.anySite')}</option>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {nameOf(site)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="history-field">
        <span>{t('history.zone')}</span>
        <select value={draft.zoneId} onChange={(event) => set({ zoneId: event.target.value, deviceId: '' })} data-testid="filter-zone">
          <option value="">{t('history.anyZone')}</option>
          {zones.map((zone) => (
            <option key={zone.id} value={zone.id}>
              {nameOf(zone)}
            </option>
          ))}
        </select>
      </label>
      <label className="history-field">
        <span>{t('history.device')}</span>
        <select value={draft.deviceId} onChange={(event) => set({ deviceId: event.target.value })} data-testid="filter-device">
          <option value="">{t('history.anyDevice')}</option>
          {devices.map((device) => (
            <option key={device.id} value={device.id}>
              {nameOf(device)}
            </option>
          ))}
        </select>
      </label>
      <label className="history-field">
        <span>{t('history.state')}</span>
        <select value={draft.state} onChange={(event) => set({ state: event.target.value as HistoryFilters['state'] })} data-testid="filter-state">
          <option value="">{t('history.anyState')}</option>
          <option value="open">{t('history.open')}</option>
          {ALARM_STATES.map((state) => (
            <option key={state} value={state}>
              {t(`alarmState.${state}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="history-field history-checks">
        <legend>{t('history.dispositions')}</legend>
        {DISPOSITIONS.map((disposition) => (
          <label key={disposition} className="history-check">
            <input
              type="checkbox"
              checked={draft.dispositions.includes(disposition)}
              data-testid={`filter-disposition-${disposition}`}
              onChange={(event) =>
                set({
                  dispositions: event.target.checked
                    ? [...draft.dispositions, disposition]
                    : draft.dispositions.filter((item): item is Disposition => item !== disposition),
                })
              }
            />
            {t(`disposition.${disposition}`)}
          </label>
        ))}
      </fieldset>
      <label className="history-field history-field--wide">
        <span>{t('history.text')}</span>
        <input type="search" maxLength={100} value={draft.q} placeholder={t('history.textPlaceholder')} onChange={(event) => set({ q: event.target.value })} data-testid="filter-text" />
      </label>
      <div className="history-filters__buttons">
        <button type="submit" className="button button--primary" data-testid="history-search">
          {t('history.search')}
        </button>
        <button type="button" className="button button--quiet" onClick={handleClear} data-testid="history-clear">
          {t('history.clear')}
        </button>
      </div>
    </form>
  );
}
