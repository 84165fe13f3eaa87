import { ALARM_KINDS, DEVICE_STATUSES, type AlarmKind, type CodedError, type DeviceStatus } from '@vigil/shared';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { ApiError } from '../../lib/http';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useSiteIndex } from '../sites/siteStore';
import { AD_HOC_KINDS, checkDraft, emptyDraft, injectOf, placeIssues, type AdHocDraft, type AdHocKind, type DraftIssues } from './adHocInject';
import { drillsApi } from './drillsApi';

/** An issue's rule without its field: it is shown under the input it is about. */
const ruleOnly = (issue: CodedError): CodedError => {
  const { field: _field, ...params } = issue.params ?? {};
  return { ...issue, params };
};

function Field({ name, label, issues, children }: { name: keyof AdHocDraft; label: string; issues: DraftIssues; children: ReactNode }) {
  const { t } = useTranslation();
  const own = issues[name] ?? [];
  return (
    <label className={`drills-field${own.length > 0 ? ' drills-field--invalid' : ''}`} data-field={name}>
      <span className="drills-field__label">{label}</span>
      {children}
      {own.map((issue, index) => (
        <span key={index} className="drills-field__error" role="alert" data-testid={`adhoc-error-${name}`}>
          {describeError(ruleOnly(issue), t)}
        </span>
      ))}
    </label>
  );
}

let adHocCount = 0;
const nextId = () => `adhoc-${Date.now().toString(36).slice(-4)}${(adHocCount += 1)}`;

/** An inject the controller writes now: checked here with the server's schema, refused fields named under their inputs. */
export function AdHocInjectForm({ runId, onInjected }: { runId: string; onInjected: () => void }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const index = useSiteIndex();
  const [draft, setDraft] = useState<AdHocDraft>(() => emptyDraft(nextId()));
  const [issues, setIssues] = useState<DraftIssues>({});
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const change = <K extends keyof AdHocDraft>(key: K, value: AdHocDraft[K]) => {
    setDraft({ ...draft, [key]: value });
    setSent(null);
  };

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const local = checkDraft(draft);
    setIssues(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const done = await drillsApi.injectAdHoc(runId, injectOf(draft));
      setSent(done.injectId);
      setDraft({ ...emptyDraft(nextId()), kind: draft.kind });
      onInjected();
    } catch (error) {
      setIssues(error instanceof ApiError && error.issues.length > 0 ? placeIssues(error.issues) : { form: [error as CodedError] });
    } finally {
      setBusy(false);
    }
  };

  const zones = index ? [...index.zones.values()] : [];
  const devices = index ? [...index.devices.values()] : [];
  const input = (key: 'id' | 'priority' | 'messageZh' | 'messageEn' | 'noteZh' | 'noteEn') => (
    <input value={draft[key]} onChange={(event) => change(key, event.target.value)} data-testid={`adhoc-${key}`} aria-invalid={(issues[key]?.length ?? 0) > 0} />
  );

  return (
    <form className="drills-panel drills-adhoc" onSubmit={(event) => void handleSubmit(event)} noValidate data-testid="adhoc-form">
      <h2>{t('drills.adHoc.title')}</h2>
      {(issues.form ?? []).map((issue, at) => (
        <p key={at} className="drills-error" role="alert" data-testid="adhoc-error-form">
          {describeError(issue, t)}
        </p>
      ))}
      <div className="drills-adhoc__row">
        <Field name="kind" label={t('drills.adHoc.kind')} issues={issues}>
          <select value={draft.kind} onChange={(event) => change('kind', event.target.value as AdHocKind)} data-testid="adhoc-kind">
            {AD_HOC_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`drills.injects.kind.${kind}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="id" label={t('drills.adHoc.id')} issues={issues}>
          {input('id')}
        </Field>
      </div>
      {draft.kind === 'alarm' && (
        <>
          <Field name="alarmPlace" label={t('drills.adHoc.place')} issues={issues}>
            <select value={draft.alarmPlace} onChange={(event) => change('alarmPlace', event.target.value)} data-testid="adhoc-alarmPlace" aria-invalid={(issues.alarmPlace?.length ?? 0) > 0}>
              <option value="">{t('drills.adHoc.choosePlace')}</option>
              <optgroup label={t('drills.adHoc.zones')}>
                {zones.map((zone) => (
                  <option key={zone.id} value={`zone:${zone.id}`}>
                    {nameOf(zone)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('drills.adHoc.devices')}>
                {devices.map((device) => (
                  <option key={device.id} value={`device:${device.id}`}>
                    {nameOf(device)}
                  </option>
                ))}
              </optgroup>
            </select>
          </Field>
          <div className="drills-adhoc__row">
            <Field name="alarmKind" label={t('drills.adHoc.alarmKind')} issues={issues}>
              <select value={draft.alarmKind} onChange={(event) => change('alarmKind', event.target.value as AlarmKind)} data-testid="adhoc-alarmKind">
                {ALARM_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`alarmKind.${kind}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field name="priority" label={t('drills.adHoc.priority')} issues={issues}>
              {input('priority')}
            </Field>
          </div>
          <Field name="messageZh" label={t('drills.adHoc.messageZh')} issues={issues}>
            {input('messageZh')}
          </Field>
          <Field name="messageEn" label={t('drills.adHoc.messageEn')} issues={issues}>
            {input('messageEn')}
          </Field>
          <p className="drills-hint">{t('drills.adHoc.hint')}</p>
        </>
      )}
      {draft.kind === 'device_state' && (
        <div className="drills-adhoc__row">
          <Field name="deviceId" label={t('drills.adHoc.device')} issues={issues}>
            <select value={draft.deviceId} onChange={(event) => change('deviceId', event.target.value)} data-testid="adhoc-deviceId" aria-invalid={(issues.deviceId?.length ?? 0) > 0}>
              <option value="">{t('drills.adHoc.choosePlace')}</option>
              {devices.map((device) => (
                <option key={device.id} value={device.id}>
                  {nameOf(device)}
                </option>
              ))}
            </select>
          </Field>
          <Field name="status" label={t('drills.adHoc.status')} issues={issues}>
            <select value={draft.status} onChange={(event) => change('status', event.target.value as DeviceStatus)} data-testid="adhoc-status">
              {DEVICE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`deviceStatus.${status}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
      {draft.kind === 'note' && (
        <>
          <Field name="noteZh" label={t('drills.adHoc.noteZh')} issues={issues}>
            {input('noteZh')}
          </Field>
          <Field name="noteEn" label={t('drills.adHoc.noteEn')} issues={issues}>
            {input('noteEn')}
          </Field>
        </>
      )}
      <button type="submit" className="button button--primary" disabled={busy} data-testid="adhoc-submit">
        {busy ? t('drills.adHoc.sending') : t('drills.adHoc.submit')}
      </button>
      {sent && (
        <p role="status" data-testid="adhoc-sent">
          {t('drills.adHoc.sent', { id: sent })}
        </p>
      )}
    </form>
  );
}
