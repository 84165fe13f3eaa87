import type { Device, Site } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useFloorName } from '../sites/useFloorName';
import { MAX_LINKED_CAMERAS, cameraChoices, orderedLinks } from './linkedCameras';

/** Which cameras watch this device: its alarms bring them up on the video wall. */
export function LinkedCamerasField({
  site,
  device,
  chosen,
  onChange,
}: {
  site: Site;
  device: Pick<Device, 'id' | 'position' | 'floor'>;
  chosen: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const floorName = useFloorName(site);
  const choices = cameraChoices(site, device);
  const full = chosen.length >= MAX_LINKED_CAMERAS;
  const toggle = (id: string, on: boolean) => onChange(orderedLinks(choices, on ? [...chosen, id] : chosen.filter((other) => other !== id)));
  return (
    <fieldset className="site-editor-form__camera" data-testid="linked-cameras">
      <legend>{t('siteEditor.panel.linkedCameras')}</legend>
      {choices.length === 0 ? (
        <p className="site-editor-form__id">{t('siteEditor.panel.noCameras')}</p>
      ) : (
        <>
          <ul className="site-editor-choices">
            {choices.map(({ camera, metres, sameFloor }) => {
              const checked = chosen.includes(camera.id);
              const distance = Math.round(metres);
              return (
                <li key={camera.id}>
                  <label className="site-editor-choice">
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={!checked && full}
                      onChange={(event) => toggle(camera.id, event.target.checked)}
                      data-testid={`linked-camera-${camera.id}`}
                    />
                    <span className="site-editor-choice__name">{nameOf(camera)}</span>
                    <span className="site-editor-choice__detail">
                      {sameFloor
                        ? t('siteEditor.panel.cameraDistance', { metres: distance })
                        : t('siteEditor.panel.cameraOtherFloor', { metres: distance, floor: floorName(camera.floor) })}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <p className="site-editor-form__id" data-testid="linked-count">
            {t('siteEditor.panel.linkedCount', { count: chosen.length, max: MAX_LINKED_CAMERAS })}
          </p>
        </>
      )}
    </fieldset>
  );
}
