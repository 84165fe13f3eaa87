import type { Site } from '@vigil/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackdropState } from '../../map/backdropLayer';
import { useMapWords } from '../../map/useMapWords';
import { useSiteEditor } from './editorStore';
import { EditorMapView } from './editorMapView';
import type { EditorActions } from './useEditorActions';

/** The Leaflet map of the edited site; made once, redrawn imperatively when the site or the selection changes. */
export function EditorMap({ site, actions }: { site: Site; actions: EditorActions }) {
  const { t } = useTranslation();
  const [backdrop, setBackdrop] = useState<BackdropState>('none');
  const containerRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorMapView | null>(null);
  const actionsRef = useRef(actions);
  const siteRef = useRef(site);
  actionsRef.current = actions;
  siteRef.current = site;
  const words = useMapWords();
  const floor = useSiteEditor((editor) => editor.floor);
  const selection = useSiteEditor((editor) => editor.selection);
  const draftCamera = useSiteEditor((editor) => editor.draftCamera);
  const tool = useSiteEditor((editor) => editor.tool);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const view = new EditorMapView(container, {
      select: (next) => useSiteEditor.getState().select(next),
      zoneDrawn: (geometry) => void actionsRef.current.createZone(geometry),
      devicePlaced: (position) => void actionsRef.current.createDevice(position),
      zoneEdited: (zoneId, geometry) => {
        const zone = siteRef.current.zones.find((candidate) => candidate.id === zoneId);
        if (zone) void actionsRef.current.updateZone({ ...zone, geometry });
      },
      deviceMoved: (deviceId, position) => {
        const device = siteRef.current.devices.find((candidate) => candidate.id === deviceId);
        if (device) void actionsRef.current.updateDevice({ ...device, position });
      },
      backdropChanged: setBackdrop,
    });
    viewRef.current = view;
    const observer = new ResizeObserver(() => view.invalidateSize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      viewRef.current = null;
      view.destroy();
    };
  }, [site.id]);

  useEffect(() => {
    viewRef.current?.render({ site, floor, selection, draftCamera, words });
  }, [site, floor, selection, draftCamera, words]);

  useEffect(() => {
    viewRef.current?.setTool(tool);
  }, [tool]);

  useEffect(() => {
    const handleKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') useSiteEditor.getState().setTool('select');
    };
    window.addEventListener('keydown', handleKey);
    return () => window.removeEventListener('keydown', handleKey);
  }, []);

  return (
    <>
      <div ref={containerRef} className="site-editor__map" data-testid="site-editor-map" data-tool={tool} />
      {backdrop === 'failed' && (
        <p className="site-map__notice" data-testid="backdrop-failed" role="status">
          {t('siteMap.backdropFailed')}
        </p>
      )}
    </>
  );
}
