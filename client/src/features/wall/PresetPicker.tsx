import type { Monitor } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { usePresets } from './useWall';
import type { WallCommands } from './useWallCommands';

/** Send a saved view to this monitor, or save what it shows as a new one. */
export function PresetPicker({ monitor, commands }: { monitor: Monitor; commands: WallCommands }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const presets = usePresets().filter((preset) => preset.siteId === monitor.siteId);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');

  const handleApply = (presetId: string) => {
    if (presetId) void commands.applyPreset(monitor.id, presetId);
  };
  const handleSave = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    void commands.savePreset(monitor.id, trimmed, null).then((ok) => {
      if (!ok) return;
      setSaving(false);
      setName('');
    });
  };

  if (saving) {
    return (
      <form className="preset-picker" onSubmit={handleSave}>
        <input
          className="input input--small"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder={t('console.presetName')}
          aria-label={t('console.presetName')}
          maxLength={100}
          autoFocus
        />
        <button type="submit" className="button button--small button--primary" disabled={!name.trim()}>
          {t('console.savePreset')}
        </button>
        <button type="button" className="button button--small button--quiet" onClick={() => setSaving(false)}>
          {t('console.cancel')}
        </button>
      </form>
    );
  }
  return (
    <div className="preset-picker">
      <select
        className="select select--small"
        value=""
        onChange={(event) => handleApply(event.target.value)}
        aria-label={t('console.applyPreset')}
        data-testid={`preset-${monitor.id}`}
      >
        <option value="">{t('console.applyPreset')}</option>
        {presets.map((preset) => (
          <option key={preset.id} value={preset.id}>
            {nameOf(preset)}
          </option>
        ))}
      </select>
      <button type="button" className="button button--small" onClick={() => setSaving(true)}>
        {t('console.saveAsPreset')}
      </button>
    </div>
  );
}
