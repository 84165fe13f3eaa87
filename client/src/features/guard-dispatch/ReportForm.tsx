import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { compressPhoto, type CompressedPhoto } from './compressPhoto';
import { MAX_QUEUED_BYTES, MAX_QUEUED_REPORTS, type PressResult } from './reportOutbox';
import { ReportQueue } from './ReportQueue';
import type { ReportOutboxApi } from './useReportOutbox';

/** As the server keeps a report's note (MAX_REPORT_NOTE_CHARS; not imported: it would bring zod to the phone). */
const MAX_NOTE = 1000;

type Refused = Extract<PressResult, { ok: false }>['reason'];

/** A photo picked and shrunk on the phone, with a preview. */
function usePhoto() {
  const [photo, setPhoto] = useState<CompressedPhoto | null>(null);
  const [preparing, setPreparing] = useState(false);
  const [unreadable, setUnreadable] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    if (!photo) return setPreview(null);
    const url = URL.createObjectURL(photo.blob);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setPreparing(true);
    setUnreadable(false);
    try {
      setPhoto(await compressPhoto(file));
    } catch {
      setPhoto(null);
      setUnreadable(true);
    } finally {
      setPreparing(false);
    }
  };
  return { photo, preview, preparing, unreadable, pick, clear: () => setPhoto(null) };
}

/**
 * The guard reports back: a note and optionally a photo (camera first), shrunk before it goes.
 * Send puts the report in the phone's outbox (useReportOutbox): kept there until the server has
 * it, so a report written in a stairwell goes out by itself; the form is free for the next one.
 */
export function ReportForm({ dispatchId, outbox }: { dispatchId: string; outbox: ReportOutboxApi }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<Refused | null>(null);
  const { photo, preview, preparing, unreadable, pick, clear } = usePhoto();
  const empty = note.trim() === '' && !photo;
  const mine = outbox.reports.filter((report) => report.dispatchId === dispatchId);

  const handlePhoto = (event: ChangeEvent<HTMLInputElement>) => {
    void pick(event.target.files?.[0]);
    event.target.value = '';
  };

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (empty || preparing || saving) return;
    setSaving(true);
    // The command id is made by the outbox at this press: a retry of it files one report.
    const result = await outbox.press(dispatchId, note.trim(), photo?.blob ?? null);
    setSaving(false);
    if (!result.ok) return setRefused(result.reason);
    setRefused(null);
    setNote('');
    clear();
  };

  return (
    <form className="dispatch-section dispatch-report" data-testid="dispatch-report" onSubmit={(event) => void handleSubmit(event)}>
      <h3 className="dispatch-section__title">{t('dispatchPhone.report.title')}</h3>
      <label className="dispatch-report__label">
        {t('dispatchPhone.report.note')}
        <textarea
          className="dispatch-report__note"
          rows={3}
          maxLength={MAX_NOTE}
          placeholder={t('dispatchPhone.report.placeholder')}
          data-testid="dispatch-report-note"
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
      {preview && photo && (
        <figure className="dispatch-report__photo">
          <img src={preview} alt="" data-testid="dispatch-report-preview" data-width={photo.width} data-height={photo.height} data-bytes={photo.blob.size} />
          <figcaption>
            {t('dispatchPhone.report.photoSize', { width: photo.width, height: photo.height, size: Math.round(photo.blob.size / 1024) })}
            <button type="button" className="dispatch-report__remove" onClick={clear}>
              {t('dispatchPhone.report.removePhoto')}
            </button>
          </figcaption>
        </figure>
      )}
      <label className="dispatch-button dispatch-button--secondary dispatch-report__pick">
        {preparing ? t('dispatchPhone.report.preparing') : t(photo ? 'dispatchPhone.report.changePhoto' : 'dispatchPhone.report.photo')}
        <input type="file" accept="image/*" capture="environment" className="dispatch-report__file" data-testid="dispatch-report-photo" onChange={handlePhoto} />
      </label>
      {unreadable && (
        <p className="dispatch-report__error" role="alert">
          {t('dispatchPhone.report.badPhoto')}
        </p>
      )}
      <button type="submit" className="dispatch-button dispatch-button--main" disabled={empty || preparing || saving} data-testid="dispatch-report-send">
        {saving ? t('dispatchPhone.report.saving') : t('dispatchPhone.report.send')}
      </button>
      {empty && mine.length === 0 && <p className="dispatch-report__hint">{t('dispatchPhone.report.empty')}</p>}
      {refused && (
        <p className="dispatch-report__error" role="alert" data-testid="dispatch-report-refused" data-reason={refused}>
          {t(`dispatchPhone.report.refused.${refused}`, { count: MAX_QUEUED_REPORTS, mb: Math.round(MAX_QUEUED_BYTES / (1024 * 1024)) })}
        </p>
      )}
      <ReportQueue reports={mine} onRetry={outbox.retry} onDiscard={outbox.discard} />
    </form>
  );
}
