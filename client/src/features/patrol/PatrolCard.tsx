import { checkpointFromQr, fitPlanTransform, gpsToPlan, nextCheckpointIndex, tourCoverage, tourStatus, type Point, type Site } from '@vigil/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { formatTime } from '../../i18n/format';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useNow } from '../../lib/useNow';
import { useAlarmStore } from '../alarms/alarmStore';
import { usePhoneStore } from '../guard-phone/phoneStore';
import { HazardForm } from './HazardForm';
import { MyHazards } from './MyHazards';
import { PatrolMap } from './PatrolMap';
import { QrScanner } from './QrScanner';
import { dueTour, marksOf, withQueued } from './phoneTour';
import { useCheckinOutbox } from './useCheckinOutbox';
import './patrol.css';

/** Web NFC (Chrome on Android): only where the phone has it. */
interface NdefReader {
  scan(): Promise<void>;
  onreading: ((event: { serialNumber: string }) => void) | null;
  onreadingerror: (() => void) | null;
}
const NdefReaderClass = (window as unknown as { NDEFReader?: new () => NdefReader }).NDEFReader;

function planPoint(site: Site | undefined, fix: { lat: number; lon: number } | null): Point | null {
  if (!site?.anchor || !fix) return null;
  const fitted = fitPlanTransform(site.anchor);
  return fitted.ok ? gpsToPlan(fitted.transform, fix.lat, fix.lon) : null;
}

/** The patrol due now on the guard's phone: the next checkpoint on a small map, time left, check-in three ways, hazards. */
export function PatrolCard({ userId, siteId }: { userId: string; siteId: string }) {
  const { t, i18n } = useTranslation();
  const nameOf = useLocalizedName();
  const now = useNow(1000);
  const tours = useAlarmStore((store) => store.live.tours);
  const site = useAlarmStore((store) => store.live.sites[siteId]);
  const lastFix = usePhoneStore((phone) => phone.lastFix);
  const floor = usePhoneStore((phone) => phone.floor ?? 0);
  const { items, scan } = useCheckinOutbox(userId);
  const [scanning, setScanning] = useState(false);
  const [notice, setNotice] = useState<{ text: string; bad: boolean } | null>(null);
  const [hazardOpen, setHazardOpen] = useState(false);

  const tour = useMemo(() => {
    const due = dueTour([...tours.values()], new Date(now));
    return due ? withQueued(due, items) : null;
  }, [tours, items, now]);
  const here = planPoint(site, lastFix);
  const queued = items.filter((item) => item.phase === 'waiting' || item.phase === 'sending').length;
  const lastDone = items.at(-1);

  if (!site) return null;
  const device = (id: string) => site.devices.find((d) => d.id === id);
  const next = tour ? nextCheckpointIndex(tour) : null;
  const nextStop = tour && next !== null ? tour.checkpoints[next] : undefined;
  const nextDevice = nextStop ? device(nextStop.deviceId) : undefined;
  const status = tour ? tourStatus(tour, new Date(now)) : null;
  const minutesLeft = nextStop ? Math.round((Date.parse(nextStop.dueAt) - now) / 60_000) : 0;

  const checkIn = (input: Parameters<typeof scan>[0]) => {
    setNotice(scan(input) ? null : { text: t('patrol.phone.refused', { detail: 'queue full' }), bad: true });
  };
  const handleQr = (text: string) => {
    setScanning(false);
    if (!tour) return;
    if (!checkpointFromQr(text)) {
      setNotice({ text: t('patrol.phone.notALabel'), bad: true });
      return;
    }
    checkIn({ tourId: tour.id, method: 'qr', qrText: text });
  };
  const handleNfc = () => {
    if (!NdefReaderClass || !tour) return;
    const reader = new NdefReaderClass();
    setNotice({ text: t('patrol.phone.nfcWaiting'), bad: false });
    reader.onreading = (event) => checkIn({ tourId: tour.id, method: 'nfc', nfcTagId: event.serialNumber.toUpperCase() });
    reader.onreadingerror = () => setNotice({ text: t('patrol.phone.nfcFailed', { detail: 'read' }), bad: true });
    reader.scan().catch((error: unknown) => setNotice({ text: t('patrol.phone.nfcFailed', { detail: describeError(error, t) }), bad: true }));
  };

  return (
    <section className="patrol-card" data-testid="patrol-card" data-tour={tour?.id ?? ''}>
      <h2 className="patrol-card__title">{t('patrol.phone.heading')}</h2>
      {!tour && <p>{t('patrol.phone.none')}</p>}
      {tour && (
        <>
          <p data-testid="patrol-status" data-status={status}>
            {status === 'upcoming'
              ? t('patrol.phone.upcoming', { route: nameOf(tour), time: formatTime(tour.startsAt, i18n.language) })
              : t(status === 'done' ? 'patrol.phone.done' : 'patrol.phone.inProgress', { route: nameOf(tour) })}
            {' · '}
            {t('patrol.phone.progress', { checked: Math.round(tourCoverage(tour) * tour.checkpoints.length), total: tour.checkpoints.length })}
          </p>
          {nextDevice && (
            <>
              <p className="patrol-card__next" data-testid="patrol-next" data-device={nextDevice.id}>
                {t('patrol.phone.next', { checkpoint: `${(next ?? 0) + 1}. ${nameOf(nextDevice)}` })}
              </p>
              <p className={`patrol-card__time${minutesLeft < 0 ? ' patrol-card__time--overdue' : ''}`}>
                {minutesLeft >= 0 ? t('patrol.phone.timeLeft', { minutes: minutesLeft }) : t('patrol.phone.overdue', { minutes: -minutesLeft })}
              </p>
            </>
          )}
          <PatrolMap site={site} route={marksOf(tour)} here={here} label={t('patrol.console.planned')} />
          {nextStop && status !== 'upcoming' && (
            <div className="patrol-card__actions">
              <button type="button" className="primary" onClick={() => setScanning(true)} data-testid="patrol-scan">
                {t('patrol.phone.scanQr')}
              </button>
              {NdefReaderClass && (
                <button type="button" onClick={handleNfc}>
                  {t('patrol.phone.tapNfc')}
                </button>
              )}
              {tour.allowArrival && (
                <button type="button" onClick={() => checkIn({ tourId: tour.id, method: 'arrival', deviceId: nextStop.deviceId })}>
                  {t('patrol.phone.arrived')}
                </button>
              )}
            </div>
          )}
        </>
      )}
      {queued > 0 && <p className="patrol-card__notice" data-testid="patrol-queued">{t('patrol.phone.queued', { count: queued })}</p>}
      {lastDone?.phase === 'sent' && (
        <p className={`patrol-card__notice${lastDone.flagged ? ' patrol-card__notice--bad' : ''}`} data-testid="patrol-sent" role="status">
          {lastDone.flagged
            ? t('patrol.phone.flagged')
            : t('patrol.phone.sent', { checkpoint: nameOf(device(checkpointFromQr(lastDone.qrText ?? '') ?? lastDone.deviceId ?? '') ?? { name: '—', nameEn: null }), time: formatTime(lastDone.scannedAt, i18n.language) })}
        </p>
      )}
      {lastDone?.phase === 'failed' && lastDone.error && (
        <p className="patrol-card__notice patrol-card__notice--bad" role="alert">
          {t('patrol.phone.refused', { detail: lastDone.error.message })}
        </p>
      )}
      {notice && <p className={`patrol-card__notice${notice.bad ? ' patrol-card__notice--bad' : ''}`}>{notice.text}</p>}
      <MyHazards userId={userId} site={site} />
      <div className="patrol-card__actions">
        <button type="button" onClick={() => setHazardOpen((open) => !open)} data-testid="hazard-open">
          {hazardOpen ? t('patrol.hazard.cancel') : t('patrol.hazard.report')}
        </button>
      </div>
      {hazardOpen && (
        <HazardForm siteId={siteId} tourId={tour?.id ?? null} deviceId={null} position={here} floor={floor} onDone={() => undefined} />
      )}
      {scanning && <QrScanner onText={handleQr} onClose={() => setScanning(false)} />}
    </section>
  );
}
