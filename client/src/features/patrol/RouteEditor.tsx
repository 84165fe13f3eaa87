import type { PatrolRoute, Site } from '@vigil/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { describeError } from '../../i18n/describeError';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { PatrolMap } from './PatrolMap';
import { removeRoute, saveRoute, type RouteDraft } from './patrolApi';

export interface RosterEntry {
  id: string;
  callsign: string;
  name: string;
  siteId: string;
}

export const emptyDraft = (siteId: string): RouteDraft => ({
  siteId,
  name: '',
  nameEn: null,
  checkpoints: [],
  schedule: { timeZone: 'Asia/Shanghai', start: '22:00', end: '06:00', everyMinutes: 120 },
  guardId: null,
  post: null,
  radiusM: 25,
  allowArrival: false,
  graceMinutes: 5,
  active: true,
});

export const draftOf = (route: PatrolRoute): RouteDraft => ({ ...route });

/** 巡更路线编辑: checkpoints picked in order from the plan or the list, minutes between, schedule, who walks it. */
export function RouteEditor({ site, guards, draft: initial, routeId, onSaved }: { site: Site; guards: RosterEntry[]; draft: RouteDraft; routeId: string | null; onSaved: (route: PatrolRoute | null) => void }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const [draft, setDraft] = useState<RouteDraft>(initial);
  const [status, setStatus] = useState<{ text: string; bad: boolean } | null>(null);
  const checkpoints = site.devices.filter((device) => device.kind === 'checkpoint');
  const chosen = new Set(draft.checkpoints.map((c) => c.deviceId));
  const device = (id: string) => site.devices.find((d) => d.id === id);
  const set = (patch: Partial<RouteDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const setStop = (index: number, patch: Partial<RouteDraft['checkpoints'][number]>) =>
    set({ checkpoints: draft.checkpoints.map((c, i) => (i === index ? { ...c, ...patch } : c)) });
  const move = (index: number, by: number) => {
    const list = draft.checkpoints.slice();
    const [item] = list.splice(index, 1);
    list.splice(Math.max(0, Math.min(list.length, index + by)), 0, item!);
    set({ checkpoints: list });
  };
  const add = (deviceId: string) => {
    if (chosen.has(deviceId)) return;
    set({ checkpoints: [...draft.checkpoints, { deviceId, minutes: draft.checkpoints.length === 0 ? 0 : 5, nfcTagId: null }] });
  };
  const handleSave = () => {
    saveRoute({ ...draft, nameEn: draft.nameEn || null, post: draft.post || null, checkpoints: draft.checkpoints.map((c) => ({ ...c, nfcTagId: c.nfcTagId || null })) }, routeId).then(
      (route) => {
        setStatus({ text: t('patrol.admin.saved'), bad: false });
        onSaved(route);
      },
      (error: unknown) => setStatus({ text: t('patrol.admin.failed', { detail: describeError(error, t) }), bad: true }),
    );
  };
  const handleDelete = () => {
    if (!routeId) return;
    removeRoute(routeId).then(
      () => onSaved(null),
      (error: unknown) => setStatus({ text: t('patrol.admin.failed', { detail: describeError(error, t) }), bad: true }),
    );
  };

  return (
    <div className="patrol-admin__editor" data-testid="route-editor">
      <div style={{ display: 'grid', gap: 12 }}>
        <fieldset>
          <label>
            {t('patrol.admin.name')}
            <input value={draft.name} onChange={(e) => set({ name: e.target.value })} data-testid="route-name" />
          </label>
          <label>
            {t('patrol.admin.nameEn')}
            <input value={draft.nameEn ?? ''} onChange={(e) => set({ nameEn: e.target.value })} />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('patrol.admin.checkpoints')}</legend>
          <div className="patrol-admin__row" aria-hidden>
            <span>#</span>
            <span />
            <span>{t('patrol.admin.minutes')}</span>
            <span>{t('patrol.admin.nfcTag')}</span>
            <span />
          </div>
          {draft.checkpoints.map((stop, index) => {
            const d = device(stop.deviceId);
            return (
              <div key={stop.deviceId} className="patrol-admin__row" data-testid="route-stop">
                <strong>{index + 1}</strong>
                <span>{d ? nameOf(d) : stop.deviceId}</span>
                <input type="number" min={0} max={240} value={stop.minutes} onChange={(e) => setStop(index, { minutes: Number(e.target.value) })} aria-label={t('patrol.admin.minutes')} />
                <input value={stop.nfcTagId ?? ''} onChange={(e) => setStop(index, { nfcTagId: e.target.value })} aria-label={t('patrol.admin.nfcTag')} />
                <span className="patrol-admin__buttons">
                  <button type="button" onClick={() => move(index, -1)} aria-label={t('patrol.admin.up')}>
                    ↑
                  </button>
                  <button type="button" onClick={() => move(index, 1)} aria-label={t('patrol.admin.down')}>
                    ↓
                  </button>
                  <button type="button" onClick={() => set({ checkpoints: draft.checkpoints.filter((_, i) => i !== index) })} aria-label={t('patrol.admin.remove')}>
                    ✕
                  </button>
                </span>
              </div>
            );
          })}
          <p>{t('patrol.admin.available')}</p>
          <div className="patrol-admin__buttons">
            {checkpoints
              .filter((d) => !chosen.has(d.id))
              .map((d) => (
                <button key={d.id} type="button" onClick={() => add(d.id)} data-testid={`add-${d.id}`}>
                  + {nameOf(d)}
                </button>
              ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('patrol.admin.schedule')}</legend>
          <label>
            {t('patrol.admin.timeZone')}
            <input value={draft.schedule.timeZone} onChange={(e) => set({ schedule: { ...draft.schedule, timeZone: e.target.value } })} />
          </label>
          <div className="patrol-admin__buttons">
            <label>
              {t('patrol.admin.start')}
              <input type="time" value={draft.schedule.start} onChange={(e) => set({ schedule: { ...draft.schedule, start: e.target.value } })} />
            </label>
            <label>
              {t('patrol.admin.end')}
              <input type="time" value={draft.schedule.end} onChange={(e) => set({ schedule: { ...draft.schedule, end: e.target.value } })} />
            </label>
            <label>
              {t('patrol.admin.every')}
              <input type="number" min={10} max={1440} value={draft.schedule.everyMinutes} onChange={(e) => set({ schedule: { ...draft.schedule, everyMinutes: Number(e.target.value) } })} />
            </label>
          </div>
          <label>
            {t('patrol.admin.guard')}
            <select value={draft.guardId ?? ''} onChange={(e) => set({ guardId: e.target.value || null })}>
              <option value="">{t('patrol.admin.noGuard')}</option>
              {guards
                .filter((g) => g.siteId === site.id)
                .map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.callsign} · {g.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('patrol.admin.post')}
            <input value={draft.post ?? ''} onChange={(e) => set({ post: e.target.value })} />
          </label>
          <div className="patrol-admin__buttons">
            <label>
              {t('patrol.admin.radius')}
              <input type="number" min={3} max={200} value={draft.radiusM} onChange={(e) => set({ radiusM: Number(e.target.value) })} />
            </label>
            <label>
              {t('patrol.admin.grace')}
              <input type="number" min={0} max={120} value={draft.graceMinutes} onChange={(e) => set({ graceMinutes: Number(e.target.value) })} />
            </label>
          </div>
          <label style={{ display: 'flex', gap: 8 }}>
            <input type="checkbox" checked={draft.allowArrival} onChange={(e) => set({ allowArrival: e.target.checked })} />
            {t('patrol.admin.allowArrival')}
          </label>
          <label style={{ display: 'flex', gap: 8 }}>
            <input type="checkbox" checked={draft.active} onChange={(e) => set({ active: e.target.checked })} />
            {t('patrol.admin.active')}
          </label>
        </fieldset>
        <div className="patrol-admin__buttons">
          <button type="button" className="primary" onClick={handleSave} data-testid="route-save">
            {t('patrol.admin.save')}
          </button>
          {routeId && (
            <>
              <Link className="button" to={`/admin/patrols/${routeId}/labels`} data-testid="route-labels">
                {t('patrol.admin.labels')}
              </Link>
              <button type="button" onClick={handleDelete}>
                {t('patrol.admin.delete')}
              </button>
            </>
          )}
        </div>
        {status && (
          <p className={`patrol-admin__status${status.bad ? ' patrol-admin__status--bad' : ''}`} role="status" data-testid="route-status">
            {status.text}
          </p>
        )}
      </div>
      <PatrolMap
        site={site}
        route={draft.checkpoints.map((c) => ({ deviceId: c.deviceId, mark: 'next' as const }))}
        pickable={checkpoints.filter((d) => !chosen.has(d.id))}
        onPick={add}
        label={t('patrol.admin.checkpoints')}
      />
    </div>
  );
}
