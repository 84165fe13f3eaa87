import { ZONE_KINDS, type Site, type Zone, type ZoneKind } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { Field, optionalText } from './fields';
import type { EditorActions } from './useEditorActions';

/** A zone's properties: names, kind, floor. Its shape is edited on the map. */
export function ZoneForm({ site, zone, actions }: { site: Site; zone: Zone; actions: EditorActions }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const [name, setName] = useState(zone.name);
  const [nameEn, setNameEn] = useState(zone.nameEn ?? '');
  const [kind, setKind] = useState<ZoneKind>(zone.kind);
  const [floor, setFloor] = useState(zone.floor);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void actions.updateZone({ ...zone, name, nameEn: optionalText(nameEn), kind, floor });
  };
  const handleDelete = () => {
    if (window.confirm(t('siteEditor.panel.confirmDelete', { name: nameOf(zone) }))) void actions.deleteZone(zone);
  };

  return (
    <form className="site-editor-form" data-testid="zone-form" onSubmit={handleSubmit}>
      <h2>{t('siteEditor.panel.zoneTitle')}</h2>
      <p className="site-editor-form__id">
        {t('siteEditor.panel.id')}: <code>{zone.id}</code>
      </p>
      <Field label={t('siteEditor.panel.name')}>
        <input value={name} onChange={(event) => setName(event.target.value)} data-testid="field-name" />
      </Field>
      <Field label={t('siteEditor.panel.nameEn')}>
        <input value={nameEn} onChange={(event) => setNameEn(event.target.value)} data-testid="field-name-en" />
      </Field>
      <Field label={t('siteEditor.panel.kind')}>
        <select value={kind} onChange={(event) => setKind(event.target.value as ZoneKind)} data-testid="field-kind">
          {ZONE_KINDS.map((candidate) => (
            <option key={candidate} value={candidate}>
              {t(`zoneKind.${candidate}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('siteEditor.panel.floor')}>
        <select value={floor} onChange={(event) => setFloor(Number(event.target.value))} data-testid="field-floor">
          {site.floors.map((candidate) => (
            <option key={candidate.level} value={candidate.level}>
              {nameOf(candidate)}
            </option>
          ))}
        </select>
      </Field>
      <div className="site-editor-form__actions">
        <button type="submit" className="button button--primary" data-testid="save">
          {t('siteEditor.panel.save')}
        </button>
        <button type="button" className="button button--danger" data-testid="delete" onClick={handleDelete}>
          {t('siteEditor.panel.delete')}
        </button>
      </div>
    </form>
  );
}
