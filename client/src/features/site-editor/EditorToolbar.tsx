import { DEVICE_KINDS, type DeviceKind } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useSiteEditor, type EditorTool } from './editorStore';

const TOOLS: EditorTool[] = ['select', 'polygon', 'line', 'device'];

/** Select, draw a zone or a perimeter line, place a device of a chosen kind. */
export function EditorToolbar() {
  const { t } = useTranslation();
  const tool = useSiteEditor((editor) => editor.tool);
  const deviceKind = useSiteEditor((editor) => editor.deviceKind);
  const setTool = useSiteEditor((editor) => editor.setTool);
  const setDeviceKind = useSiteEditor((editor) => editor.setDeviceKind);

  return (
    <div className="site-editor-toolbar" role="toolbar" aria-label={t('siteEditor.tools.label')}>
      {TOOLS.map((candidate) => (
        <button
          key={candidate}
          type="button"
          className="site-editor-toolbar__tool"
          aria-pressed={tool === candidate}
          data-testid={`tool-${candidate}`}
          onClick={() => setTool(candidate)}
        >
          {t(`siteEditor.tools.${candidate}`)}
        </button>
      ))}
      <label className="site-editor-toolbar__kind">
        <span>{t('siteEditor.tools.deviceKind')}</span>
        <select data-testid="device-kind" value={deviceKind} onChange={(event) => setDeviceKind(event.target.value as DeviceKind)}>
          {DEVICE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`deviceKind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="site-editor-toolbar__hint" data-testid="tool-hint">
        {t(`siteEditor.hint.${tool}`, { kind: t(`deviceKind.${deviceKind}`) })}
      </p>
    </div>
  );
}
