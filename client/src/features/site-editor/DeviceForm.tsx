import { DEVICE_KINDS, DEVICE_STATUSES, type Device, type DeviceKind, type DeviceStatus, type Site } from '@vigil/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { useSiteEditor } from './editorStore';
import { Field, optionalText, toNumber } from './fields';
import { LinkedCamerasField } from './LinkedCamerasField';
import { cameraChoices, orderedLinks } from './linkedCameras';
import type { EditorActions } from './useEditorActions';

const DEFAULT_VIEW = { heading: 0, angle: 60, range: 30 };

/** A device's properties and the cameras linked to it; a camera adds its field of view, drawn live on the map while typed. */
export function DeviceForm({ site, device, actions }: { site: Site; device: Device; actions: EditorActions }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const [name, setName] = useState(device.name);
  const [nameEn, setNameEn] = useState(device.nameEn ?? '');
  const [kind, setKind] = useState<DeviceKind>(device.kind);
  const [floor, setFloor] = useState(device.floor);
  const [zoneId, setZoneId] = useState(device.zoneId ?? '');
  const [status, setStatus] = useState<DeviceStatus>(device.status);
  const view = device.camera ?? DEFAULT_VIEW;
  const [heading, setHeading] = useState(String(view.heading));
  const [angle, setAngle] = useState(String(view.angle));
  const [range, setRange] = useState(String(view.range));
  // A link to a camera that is gone is dropped here, so saving the form repairs it.
  const [linked, setLinked] = useState(() => orderedLinks(cameraChoices(site, device), device.linkedCameraIds));
  const camera = kind === 'camera' ? { heading: toNumber(heading), angle: toNumber(angle), range: toNumber(range) } : null;

  const cameraKey = camera ? `${camera.heading}/${camera.angle}/${camera.range}` : '';
  useEffect(() => {
    const { setDraftCamera } = useSiteEditor.getState();
    const drawable = camera && [camera.heading, camera.angle, camera.range].every(Number.isFinite) && camera.range > 0;
    setDraftCamera(drawable && device.kind === 'camera' ? { deviceId: device.id, camera } : null);
  }, [cameraKey, device.id, device.kind]); // cameraKey stands for the three numbers

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void actions.updateDevice({ ...device, name, nameEn: optionalText(nameEn), kind, floor, zoneId: zoneId || null, status, camera, linkedCameraIds: linked });
  };
  const handleDelete = () => {
    if (window.confirm(t('siteEditor.panel.confirmDelete', { name: nameOf(device) }))) void actions.deleteDevice(device);
  };

  return (
    <form className="site-editor-form" data-testid="device-form" onSubmit={handleSubmit}>
      <h2>{t('siteEditor.panel.deviceTitle')}</h2>
      <p className="site-editor-form__id">
        {t('siteEditor.panel.id')}: <code>{device.id}</code> · {t('siteEditor.panel.position')}: {device.position[0].toFixed(1)}, {device.position[1].toFixed(1)}
      </p>
      <Field label={t('siteEditor.panel.name')}>
        <input value={name} onChange={(event) => setName(event.target.value)} data-testid="field-name" />
      </Field>
      <Field label={t('siteEditor.panel.nameEn')}>
        <input value={nameEn} onChange={(event) => setNameEn(event.target.value)} data-testid="field-name-en" />
      </Field>
      <div className="site-editor-form__row">
        <Field label={t('siteEditor.panel.kind')}>
          <select value={kind} onChange={(event) => setKind(event.target.value as DeviceKind)} data-testid="field-kind">
            {DEVICE_KINDS.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`deviceKind.${candidate}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('siteEditor.panel.status')}>
          <select value={status} onChange={(event) => setStatus(event.target.value as DeviceStatus)} data-testid="field-status">
            {DEVICE_STATUSES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`deviceStatus.${candidate}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="site-editor-form__row">
        <Field label={t('siteEditor.panel.floor')}>
          <select value={floor} onChange={(event) => setFloor(Number(event.target.value))} data-testid="field-floor">
            {site.floors.map((candidate) => (
              <option key={candidate.level} value={candidate.level}>
                {nameOf(candidate)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('siteEditor.panel.zone')}>
          <select value={zoneId} onChange={(event) => setZoneId(event.target.value)} data-testid="field-zone">
            <option value="">{t('siteEditor.panel.noZone')}</option>
            {site.zones
              .filter((zone) => zone.floor === floor)
              .map((zone) => (
                <option key={zone.id} value={zone.id}>
                  {nameOf(zone)}
                </option>
              ))}
          </select>
        </Field>
      </div>
      {kind === 'camera' && (
        <fieldset className="site-editor-form__camera">
          <legend>{t('siteEditor.panel.camera')}</legend>
          <Field label={t('siteEditor.panel.heading')}>
            <input type="number" min={0} max={360} step={1} value={heading} onChange={(event) => setHeading(event.target.value)} data-testid="field-heading" />
          </Field>
          <Field label={t('siteEditor.panel.angle')}>
            <input type="number" min={1} max={360} step={1} value={angle} onChange={(event) => setAngle(event.target.value)} data-testid="field-angle" />
          </Field>
          <Field label={t('siteEditor.panel.range')}>
            <input type="number" min={1} max={500} step={1} value={range} onChange={(event) => setRange(event.target.value)} data-testid="field-range" />
          </Field>
        </fieldset>
      )}
      <LinkedCamerasField site={site} device={{ id: device.id, position: device.position, floor }} chosen={linked} onChange={setLinked} />
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
