import { ALARM_KINDS, MAX_PRIORITY, type AlarmKind, type Monitor } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describeError';
import { createMonitor, removeMonitor, updateMonitor, type MonitorFields } from './monitorsApi';

const DEFAULT_RULE = { kinds: [] as AlarmKind[], maxPriority: 3, cameraCount: 4, radius: 60 };

/**
 * An admin's settings of one monitor (or a new one): its name, place on the wall, and the alarm
 * rule that lets alarms take it over (报警联动). The server checks every field and names the bad one.
 */
export function MonitorSettings({ monitor, siteId, onClose }: { monitor: Monitor | null; siteId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [id, setId] = useState('');
  const [name, setName] = useState(monitor?.name ?? '');
  const [nameEn, setNameEn] = useState(monitor?.nameEn ?? '');
  const [position, setPosition] = useState(String(monitor?.position ?? 0));
  const [ruleOn, setRuleOn] = useState(monitor?.alarmRule !== null && monitor !== null);
  const [rule, setRule] = useState(monitor?.alarmRule ?? DEFAULT_RULE);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onClose();
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fields: MonitorFields = {
      name,
      nameEn: nameEn.trim() === '' ? null : nameEn.trim(),
      position: Number(position),
      alarmRule: ruleOn ? rule : null,
    };
    void run(() => (monitor ? updateMonitor(monitor.id, fields) : createMonitor({ ...fields, id, siteId, layout: '2x2' })));
  };
  const handleRemove = () => {
    if (monitor && window.confirm(t('console.settings.confirmRemove', { name: monitor.name }))) void run(() => removeMonitor(monitor.id));
  };
  const toggleKind = (kind: AlarmKind) =>
    setRule((current) => ({ ...current, kinds: current.kinds.includes(kind) ? current.kinds.filter((k) => k !== kind) : [...current.kinds, kind] }));

  return (
    <div className="dialog-backdrop" role="presentation">
      <form className="dialog monitor-settings" onSubmit={handleSubmit} aria-label={t('console.settings.title')} data-testid="monitor-settings">
        <h2>{monitor ? t('console.settings.title') : t('console.settings.addTitle')}</h2>
        {!monitor && (
          <label className="form-row">
            <span>{t('console.settings.id')}</span>
            <input className="input" value={id} onChange={(event) => setId(event.target.value)} placeholder="lobby" required data-testid="monitor-id" />
            <small>{t('console.settings.idHint')}</small>
          </label>
        )}
        <label className="form-row">
          <span>{t('console.settings.name')}</span>
          <input className="input" value={name} onChange={(event) => setName(event.target.value)} data-testid="monitor-name" />
        </label>
        <label className="form-row">
          <span>{t('console.settings.nameEn')}</span>
          <input className="input" value={nameEn} onChange={(event) => setNameEn(event.target.value)} />
        </label>
        <label className="form-row">
          <span>{t('console.settings.position')}</span>
          <input className="input input--number" type="number" value={position} onChange={(event) => setPosition(event.target.value)} />
        </label>
        <label className="form-row form-row--inline">
          <input type="checkbox" checked={ruleOn} onChange={(event) => setRuleOn(event.target.checked)} data-testid="monitor-rule-on" />
          <span>{t('console.settings.ruleOn')}</span>
        </label>
        {ruleOn && (
          <fieldset className="monitor-settings__rule">
            <label className="form-row">
              <span>{t('console.settings.maxPriority')}</span>
              <select
                className="select"
                value={rule.maxPriority}
                onChange={(event) => setRule({ ...rule, maxPriority: Number(event.target.value) })}
                data-testid="monitor-rule-priority"
              >
                {Array.from({ length: MAX_PRIORITY }, (_, i) => i + 1).map((priority) => (
                  <option key={priority} value={priority}>
                    {t('console.settings.priorityUpTo', { priority })}
                  </option>
                ))}
              </select>
            </label>
            <label className="form-row">
              <span>{t('console.settings.cameraCount')}</span>
              <input
                className="input input--number"
                type="number"
                value={rule.cameraCount}
                onChange={(event) => setRule({ ...rule, cameraCount: Number(event.target.value) })}
              />
            </label>
            <label className="form-row">
              <span>{t('console.settings.radius')}</span>
              <input className="input input--number" type="number" value={rule.radius} onChange={(event) => setRule({ ...rule, radius: Number(event.target.value) })} />
            </label>
            <div className="form-row">
              <span>{t('console.settings.kinds')}</span>
              <small>{t('console.settings.kindsHint')}</small>
              <div className="monitor-settings__kinds">
                {ALARM_KINDS.map((kind) => (
                  <label key={kind} className="monitor-settings__kind">
                    <input type="checkbox" checked={rule.kinds.includes(kind)} onChange={() => toggleKind(kind)} />
                    {t(`alarmKind.${kind}`)}
                  </label>
                ))}
              </div>
            </div>
          </fieldset>
        )}
        {error && (
          <p className="monitor-settings__error" role="alert" data-testid="monitor-settings-error">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          {monitor && (
            <button type="button" className="button button--danger" onClick={handleRemove} disabled={busy}>
              {t('console.settings.remove')}
            </button>
          )}
          <button type="button" className="button button--quiet" onClick={onClose} disabled={busy}>
            {t('console.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="monitor-settings-save">
            {t('console.settings.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
