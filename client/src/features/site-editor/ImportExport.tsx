import type { Site } from '@vigil/shared';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useSiteEditor } from './editorStore';
import { exportSite, importSite } from './siteEditorApi';
import { attempt } from './useEditorActions';

function download(name: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/geo+json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The whole site as a GeoJSON file: download it, or upload one to create or replace a site. */
export function ImportExport({ site }: { site: Site | null }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const handleExport = () => {
    if (!site) return;
    void attempt(async () => download(`${site.id}.site.geojson`, JSON.stringify(await exportSite(site.id), null, 2)));
  };

  const handleFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setNotice(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      useSiteEditor.getState().setErrors([t('errorText.fieldRule', { field: file.name, rule: t('errorText.rule.json') })]);
      setBusy(false);
      return;
    }
    await attempt(async () => {
      const result = await importSite(parsed);
      setNotice(t('siteEditor.imported', { name: nameOf(result.site), zones: result.site.zones.length, devices: result.site.devices.length }));
    });
    setBusy(false);
  };

  return (
    <div className="site-editor-files">
      <button type="button" className="button" data-testid="export-site" disabled={!site} onClick={handleExport}>
        {t('siteEditor.export')}
      </button>
      <button type="button" className="button" data-testid="import-site" disabled={busy} onClick={() => inputRef.current?.click()}>
        {busy ? t('siteEditor.importing') : t('siteEditor.import')}
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".json,.geojson,application/json,application/geo+json"
        hidden
        data-testid="import-file"
        onChange={(event) => void handleFile(event)}
      />
      {notice && (
        <span className="site-editor-files__notice" role="status">
          {notice}
        </span>
      )}
    </div>
  );
}
