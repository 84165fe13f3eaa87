import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { formatTime } from '../../i18n/format';
import { newCommandId } from '../../lib/ids';
import { compressPhoto, type CompressedPhoto } from './compressPhoto';
import { sendDispatchReport } from './reportApi';

/** As the server keeps a report's note (MAX_REPORT_NOTE_CHARS; not imported: it would bring zod to the phone). */
const MAX_NOTE = 1000;

type Sending = { phase: 'idle' } | { phase: 'sending' } | { phase: 'sent'; at: string } | { phase: 'failed'; error: string };

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

/** The guard reports back: a note and optionally a photo (camera first), shrunk before it goes. */
export function ReportForm({ dispatchId }: { dispatchId: string }) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const [sending, setSending] = useState<Sending>({ phase: 'idle' });
  const { photo, preview, preparing, unreadable, pick, clear } = usePhoto();
  const empty = note.trim() === '' && !photo;
  // One command id per report: a retry of the same words and photo files it once; changed, it is a new report.
  const commandId = useRef(newCommandId());
  useEffect(() => {
    commandId.current = newCommandId();
  }, [note, photo]);

  const handlePhoto = (event: ChangeEvent<HTMLInputElement>) => {
    void pick(event.target.files?.[0]);
    event.target.value = '';
  };

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (empty || preparing || sending.phase === 'sending') return;
    setSending({ phase: 'sending' });
    try {
      await sendDispatchReport(dispatchId, { commandId: commandId.current, note: note.trim(), photo: photo?.blob ?? null });
      setSending({ phase: 'sent', at: new Date().toISOString() });
      setNote('');
      clear();
    } catch (error) {
      setSending({ phase: 'failed', error: describeError(error, t) });
    }
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
      <button type="submit" className="dispatch-button dispatch-button--main" disabled={empty || preparing || sending.phase === 'sending'} data-testid="dispatch-report-send">
        {sending.phase === 'sending' ? t('dispatchPhone.report.sending') : t('dispatchPhone.report.send')}
      </button>
      {empty && sending.phase !== 'sent' && <p className="dispatch-report__hint">{t('dispatchPhone.report.empty')}</p>}
      {sending.phase === 'sent' && (
        <p className="dispatch-report__sent" role="status" data-testid="dispatch-report-sent">
          {t('dispatchPhone.report.sent', { time: formatTime(sending.at, i18n.language) })}
        </p>
      )}
      {sending.phase === 'failed' && (
        <p className="dispatch-report__error" role="alert" data-testid="dispatch-report-failed">
          {t('dispatchPhone.report.failed', { error: sending.error })}
        </p>
      )}
    </form>
  );
}
