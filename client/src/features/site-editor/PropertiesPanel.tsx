import type { Site } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { DeviceForm } from './DeviceForm';
import { useSiteEditor } from './editorStore';
import type { EditorActions } from './useEditorActions';
import { SiteSettingsForm } from './SiteSettingsForm';
import { ZoneForm } from './ZoneForm';

/** The selected zone's or device's form; keyed by the entity and its saved state, so a live change resets it. */
export function PropertiesPanel({ site, actions }: { site: Site; actions: EditorActions }) {
  const { t } = useTranslation();
  const selection = useSiteEditor((editor) => editor.selection);
  const zone = selection?.entity === 'zone' ? site.zones.find((candidate) => candidate.id === selection.id) : undefined;
  const device = selection?.entity === 'device' ? site.devices.find((candidate) => candidate.id === selection.id) : undefined;
  return (
    <aside className="site-editor__panel" data-testid="properties-panel">
      {zone && <ZoneForm key={JSON.stringify(zone)} site={site} zone={zone} actions={actions} />}
      {device && <DeviceForm key={JSON.stringify(device)} site={site} device={device} actions={actions} />}
      {!zone && !device && (
        <>
          <p className="site-editor__empty">{t('siteEditor.panel.empty')}</p>
          <SiteSettingsForm key={JSON.stringify([site.name, site.nameEn, site.plan, site.floors, site.anchor, site.backdrop])} site={site} />
        </>
      )}
    </aside>
  );
}
