import type { Site } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useSiteEditor } from './editorStore';

/** One tab per floor, top floor first. */
export function EditorFloorTabs({ site }: { site: Site }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const floor = useSiteEditor((editor) => editor.floor);
  const setFloor = useSiteEditor((editor) => editor.setFloor);
  return (
    <nav className="site-editor-floors" aria-label={t('siteEditor.floors')}>
      {[...site.floors]
        .sort((a, b) => b.level - a.level)
        .map((candidate) => (
          <button
            key={candidate.level}
            type="button"
            aria-pressed={candidate.level === floor}
            data-testid={`editor-floor-${candidate.level}`}
            onClick={() => setFloor(candidate.level)}
          >
            {nameOf(candidate)}
          </button>
        ))}
    </nav>
  );
}
