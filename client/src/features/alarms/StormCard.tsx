import { priorityBand, transition, type Alarm, type AlarmCommand, type Disposition } from '@vigil/shared';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useRealtime, type Realtime } from '../../realtime/RealtimeContext';
import { useCanSendCommands } from '../../realtime/useStale';
import { useCurrentSiteIndex } from '../sites/useLiveSiteIndex';
import { AlarmRow } from './AlarmRow';
import { runBatch } from './batchCommands';
import { PriorityBadge } from './PriorityBadge';
import { ResolveDialog } from './ResolveDialog';
import { useStormBulk, type StormBulkReport } from './stormBulkStore';
import type { Storm } from './stormFold';

/** Kinds named on the card; the rest are counted. */
const KINDS_SHOWN = 3;


/** A storm's mark: a lightning flash over a stack of cards, so the card reads as "many at once" without colour. */
export function StormIcon() {
  return (
    <svg className="storm-icon" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="1.5" y="1.5" width="21" height="21" rx="4" className="storm-icon__frame" />
      <path d="M5 17.5h14M5 20h14" className="storm-icon__stack" />
      <polygon points="13.5,3 6.5,12.5 11,12.5 9.5,18 17.5,8.5 13,8.5 15,3" />
    </svg>
  );
}

/** Where the storm is, in the screen's language: the zone's name, or the site and how many zones. */
function useStormPlace(storm: Storm): string {
  const { t } = useTranslation();
  const index = useCurrentSiteIndex();
  const nameOf = useLocalizedName();
  if (storm.scope.kind === 'site') return storm.zones > 0 ? t('storm.siteWide', { count: storm.zones }) : t('storm.siteWideNoZones');
  const zone = index?.zones.get(storm.scope.zoneId);
  return zone ? nameOf(zone) : t('storm.unknownZone');
}

interface StormCardProps {
  storm: Storm;
  canHandle: boolean;
  selectedAlarmId: string | null;
  mapFloor: number;
  onFocus: (alarmId: string) => void;
  checked: readonly string[];
  onCheck: (alarmId: string, range: boolean) => void;
}

/**
 * One card for a storm: what, where, how many, how many still unacknowledged, whether it is still
 * arriving; acknowledge or resolve all its alarms at once (one command, and one event, per alarm);
 * expanded, every member as its usual row with its own actions.
 */
export function StormCard({ storm, canHandle, selectedAlarmId, mapFloor, onFocus, checked, onCheck }: StormCardProps) {
  const { t, i18n } = useTranslation();
  const realtime = useRealtime();
  const canSend = useCanSendCommands();
  const place = useStormPlace(storm);
  const [userExpanded, setExpanded] = useState(false);
  // An alarm picked on the map that is folded here opens the card at it: the operator sees the row.
  const selectedHere = selectedAlarmId !== null && storm.members.some((alarm) => alarm.id === selectedAlarmId);
  const expanded = userExpanded || selectedHere;
  const [resolving, setResolving] = useState(false);
  const report = useStormBulk((store) => store.byStorm[storm.key] ?? null);
  const band = priorityBand(storm.highestPriority);
  const count = storm.members.length;

  const allowing = (command: AlarmCommand) => storm.members.filter((alarm) => transition(alarm.state, command).ok);
  const toAcknowledge = allowing('acknowledge');
  const toResolve = allowing('resolve');
  const sending = report?.phase === 'sending';
  const offReason = canSend ? undefined : t('wallOps.stale.commandsOffHint');

  const run = (alarms: readonly Alarm[], command: 'acknowledge' | 'resolve', options: { disposition?: Disposition; note?: string } = {}) =>
    runStormBulk(realtime, storm.key, alarms, command, options);
  const handleResolve = (disposition: Disposition, note: string) => {
    setResolving(false);
    void run(toResolve, 'resolve', { disposition, note: note || undefined });
  };

  const kinds = storm.kinds.slice(0, KINDS_SHOWN).map(({ kind, count: n }) => t('storm.kind', { kind: t(`alarmKind.${kind}`), count: n }));
  if (storm.kinds.length > KINDS_SHOWN) kinds.push(t('storm.moreKinds', { count: storm.kinds.length - KINDS_SHOWN }));

  return (
    <li
      className={`storm-card band-${band}${storm.unacknowledged > 0 ? ' storm-card--new' : ''}`}
      data-testid="storm-card"
      data-storm-key={storm.key}
      data-count={count}
      data-active={storm.active}
    >
      <div className="storm-card__head">
        <StormIcon />
        <span className="storm-card__title" title={t('storm.foldHint')}>
          {t('storm.title')}
        </span>
        <PriorityBadge priority={storm.highestPriority} />
        <span className="storm-card__count" data-testid="storm-count">
          {t('storm.count', { count })}
        </span>
      </div>
      <div className="storm-card__place" data-testid="storm-place">
        {place}
      </div>
      <div className="storm-card__kinds" data-testid="storm-kinds">
        {kinds.join(' · ')}
      </div>
      <div className="storm-card__meta">
        <span>{t('storm.span', { from: formatTime(storm.firstAt, i18n.language), to: formatTime(storm.lastAt, i18n.language) })}</span>
        <span className={storm.active ? 'storm-card__rate storm-card__rate--active' : 'storm-card__rate'} data-testid="storm-rate">
          {storm.active ? t('storm.active', { count: storm.recent }) : t('storm.subsided')}
        </span>
      </div>
      <div className="storm-card__state">
        <span className={storm.unacknowledged > 0 ? 'storm-card__unacked' : 'storm-card__acked'} data-testid="storm-unacknowledged">
          {storm.unacknowledged > 0 ? t('storm.unacknowledged', { count: storm.unacknowledged }) : t('storm.allAcknowledged')}
        </span>
        {storm.criticalApart > 0 && (
          <span className="storm-card__critical" data-testid="storm-critical-apart">
            {t('storm.criticalApart', { count: storm.criticalApart })}
          </span>
        )}
      </div>
      <div className="storm-card__actions">
        <button type="button" className="button button--small" data-testid="storm-expand" aria-expanded={expanded} disabled={selectedHere} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('storm.collapse') : t('storm.expand', { count })}
        </button>
        {canHandle && (
          <>
            <button
              type="button"
              className="button button--small alarm-actions__button--acknowledge"
              data-testid="storm-ack-all"
              disabled={!canSend || sending || toAcknowledge.length === 0}
              title={offReason}
              onClick={() => void run(toAcknowledge, 'acknowledge')}
            >
              {t('storm.acknowledgeAll', { count: toAcknowledge.length })}
            </button>
            <button
              type="button"
              className="button button--small alarm-actions__button--resolve"
              data-testid="storm-resolve-all"
              disabled={!canSend || sending || toResolve.length === 0}
              title={offReason}
              onClick={() => setResolving(true)}
            >
              {t('storm.resolveAll', { count: toResolve.length })}
            </button>
          </>
        )}
        {report && <StormBulkText report={report} />}
      </div>
      {expanded && (
        <StormMembers
          members={storm.members}
          canHandle={canHandle}
          selectedAlarmId={selectedAlarmId}
          mapFloor={mapFloor}
          onFocus={onFocus}
          checked={checked}
          onCheck={onCheck}
        />
      )}
      {resolving && (
        <ResolveDialog title={t('storm.resolveTitle', { count: toResolve.length })} onConfirm={handleResolve} onClose={() => setResolving(false)} />
      )}
    </li>
  );
}

/** Sends a bulk command for a storm's alarms and keeps its report (see useStormBulk). */
async function runStormBulk(
  realtime: Realtime,
  stormKey: string,
  alarms: readonly Alarm[],
  command: 'acknowledge' | 'resolve',
  options: { disposition?: Disposition; note?: string },
): Promise<void> {
  const { report } = useStormBulk.getState();
  const total = alarms.length;
  report(stormKey, { phase: 'sending', command, done: 0, total });
  const outcome = await runBatch(
    realtime,
    alarms.map((alarm) => alarm.id),
    command,
    options,
    (done) => report(stormKey, { phase: 'sending', command, done, total }),
  );
  report(stormKey, { phase: 'done', command, total, failed: outcome.failed.length });
}

/** How a storm's bulk command is going, or how it ended. */
export function StormBulkText({ report }: { report: StormBulkReport }) {
  const { t } = useTranslation();
  return (
    <span
      className={`storm-card__report${report.phase === 'done' && report.failed > 0 ? ' storm-card__report--failed' : ''}`}
      data-testid="storm-report"
      data-phase={report.phase}
      role="status"
    >
      {report.phase === 'sending'
        ? t('storm.progress', { done: report.done, total: report.total })
        : report.failed > 0
          ? t('storm.failed', { failed: report.failed, total: report.total })
          : t('storm.done', { count: report.total })}
    </span>
  );
}

/** A row is about this tall before it is measured. */
const ROW_ESTIMATE_PX = 150;

/**
 * Every member as its usual row, in a scrolling list that renders only the rows in view
 * (@tanstack/react-virtual): a storm's 2,000 alarms expand without 2,000 rows in the page.
 */
function StormMembers({ members, canHandle, selectedAlarmId, mapFloor, onFocus, checked, onCheck }: Omit<StormCardProps, 'storm'> & { members: readonly Alarm[] }) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: members.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    getItemKey: (index) => members[index]?.id ?? index,
    overscan: 4,
    gap: 8,
  });
  const selectedIndex = selectedAlarmId === null ? -1 : members.findIndex((alarm) => alarm.id === selectedAlarmId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'start' });
  }, [selectedIndex, virtualizer]);
  return (
    <div className="storm-card__members" ref={scrollRef} data-testid="storm-members" aria-label={t('storm.membersLabel')}>
      <ol className="storm-card__member-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const alarm = members[item.index];
          if (!alarm) return null;
          return (
            <AlarmRow
              key={alarm.id}
              alarm={alarm}
              selected={alarm.id === selectedAlarmId}
              canHandle={canHandle}
              mapFloor={mapFloor}
              onFocus={onFocus}
              checked={checked.includes(alarm.id)}
              onCheck={onCheck}
              virtual={{ index: item.index, start: item.start, measure: virtualizer.measureElement }}
            />
          );
        })}
      </ol>
    </div>
  );
}
