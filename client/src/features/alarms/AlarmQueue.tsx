import { can } from '@vigil/shared';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMapView } from '../../map/mapViewStore';
import { useSession } from '../auth/sessionStore';
import { AlarmRow } from './AlarmRow';
import { BatchActions } from './BatchActions';
import { useCheckedAlarms } from './checkedAlarmsStore';
import { RecentlyResolved } from './RecentlyResolved';
import { useAlarmSelection } from './selectionStore';
import { queueAlarms, type QueueItem } from './stormFold';
import { StormBulkText, StormCard, StormIcon } from './StormCard';
import { useStormBulk } from './stormBulkStore';
import { useQueue } from './useQueue';

/**
 * The live queue: open alarms by priority then newest, a storm folded into one card where its
 * most urgent alarm would be (see stormFold), then the recently resolved, collapsed.
 */
export function AlarmQueue() {
  const { t } = useTranslation();
  const { open, resolved, items } = useQueue();
  const role = useSession((session) => session.user?.role);
  const selectedAlarmId = useAlarmSelection((selection) => selection.selectedAlarmId);
  const focus = useAlarmSelection((selection) => selection.focus);
  const mapFloor = useMapView((view) => view.floor);
  const canHandle = role !== undefined && can(role, 'alarms.handle');
  const newCount = open.filter((alarm) => alarm.state === 'new').length;
  const checked = useCheckedAlarms((store) => store.checked);
  const tick = useCheckedAlarms((store) => store.tick);
  const keepOpen = useCheckedAlarms((store) => store.keepOpen);
  // Shift-click ranges follow what the screen shows: a card's members sit where the card is.
  const order = useMemo(() => queueAlarms(items).map((alarm) => alarm.id), [items]);
  useEffect(() => keepOpen(new Set(order)), [order, keepOpen]);
  const stormCount = items.filter((item) => item.type === 'storm').length;
  // Stable whatever the order (read when a row is ticked): the rows (memo) re-render only when
  // their alarm does, not each time the queue is recomputed (every clock step in a fast replay).
  const orderRef = useRef(order);
  useLayoutEffect(() => {
    orderRef.current = order;
  }, [order]);
  const handleCheck = useCallback((alarmId: string, range: boolean) => tick(alarmId, orderRef.current, range), [tick]);

  return (
    <section className="alarm-queue" aria-labelledby="alarm-queue-title" data-testid="alarm-queue">
      <header className="alarm-queue__header">
        <h2 id="alarm-queue-title">{t('alarms.queueTitle')}</h2>
        <span className="alarm-queue__count" data-testid="open-count">
          {t('alarms.openCount', { count: open.length })}
        </span>
        {newCount > 0 && <span className="alarm-queue__count alarm-queue__count--new">{t('alarms.newCount', { count: newCount })}</span>}
        {stormCount > 0 && (
          <span className="alarm-queue__count alarm-queue__count--storm" data-testid="storm-total">
            {t('storm.headerCount', { count: stormCount })}
          </span>
        )}
      </header>
      {canHandle && <BatchActions open={open} />}
      <UnfoldedStormReports current={items} />
      {open.length === 0 ? (
        <div className="alarm-queue__empty" data-testid="queue-empty">
          <p className="alarm-queue__empty-title">{t('alarms.empty')}</p>
          <p>{t('alarms.emptyHint')}</p>
        </div>
      ) : (
        <ol className="alarm-queue__list">
          {items.map((item) =>
            item.type === 'storm' ? (
              <StormCard
                key={item.storm.key}
                storm={item.storm}
                canHandle={canHandle}
                selectedAlarmId={selectedAlarmId}
                mapFloor={mapFloor}
                onFocus={focus}
                checked={checked}
                onCheck={handleCheck}
              />
            ) : (
              <AlarmRow
                key={item.alarm.id}
                alarm={item.alarm}
                selected={item.alarm.id === selectedAlarmId}
                canHandle={canHandle}
                mapFloor={mapFloor}
                onFocus={focus}
                checked={checked.includes(item.alarm.id)}
                onCheck={handleCheck}
              />
            ),
          )}
        </ol>
      )}
      <RecentlyResolved alarms={resolved} />
    </section>
  );
}

/**
 * Bulk reports of storms whose card has unfolded (resolving a storm's alarms unfolds it once 20 or
 * fewer are left): how the batch ended stays in view until dismissed.
 */
function UnfoldedStormReports({ current }: { current: readonly QueueItem[] }) {
  const { t } = useTranslation();
  const byStorm = useStormBulk((store) => store.byStorm);
  const report = useStormBulk((store) => store.report);
  const shown = new Set(current.flatMap((item) => (item.type === 'storm' ? [item.storm.key] : [])));
  const gone = Object.entries(byStorm).filter(([key]) => !shown.has(key));
  if (gone.length === 0) return null;
  return (
    <div className="storm-unfolded">
      {gone.map(([key, bulk]) => (
        <p key={key} className="storm-unfolded__line" data-testid="storm-unfolded-report" data-storm-key={key}>
          <StormIcon />
          <span>{t('storm.unfolded')}</span>
          <StormBulkText report={bulk} />
          {bulk.phase === 'done' && (
            <button type="button" className="button button--small button--quiet" onClick={() => report(key, null)}>
              {t('alarms.actions.dismiss')}
            </button>
          )}
        </p>
      ))}
    </div>
  );
}
