import { fitPlanTransform, type ControlPoint, type Floor, type Site } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BackdropFields, backdropOf, backdropRow } from './BackdropFields';
import { Field, optionalText, toNumber } from './fields';
import { patchSite } from './siteEditorApi';
import { attempt } from './useEditorActions';

type Row<T> = { [K in keyof T]: string };
const floorRow = (floor: Floor): Row<Floor> => ({ level: String(floor.level), name: floor.name, nameEn: floor.nameEn ?? '' });
const pointRow = (point: ControlPoint) => ({ x: String(point.plan[0]), y: String(point.plan[1]), lat: String(point.lat), lon: String(point.lon) });
type PointRow = ReturnType<typeof pointRow>;
const POINT_KEYS = ['x', 'y', 'lat', 'lon'] as const;

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="button button--small site-editor-remove" aria-label={label} title={label} onClick={onClick}>
      ×
    </button>
  );
}

/** The site's own fields (PATCH): names, plan size, floors, the GPS anchor (its fit error shown as typed) and the backdrop. */
export function SiteSettingsForm({ site }: { site: Site }) {
  const { t } = useTranslation();
  const [name, setName] = useState(site.name);
  const [nameEn, setNameEn] = useState(site.nameEn ?? '');
  const [width, setWidth] = useState(String(site.plan.width));
  const [height, setHeight] = useState(String(site.plan.height));
  const [floors, setFloors] = useState(site.floors.map(floorRow));
  const [points, setPoints] = useState<PointRow[]>(site.anchor?.controlPoints.map(pointRow) ?? []);
  const [backdrop, setBackdrop] = useState(() => backdropRow(site));

  const controlPoints = points.map((row) => ({ plan: [toNumber(row.x), toNumber(row.y)] as [number, number], lat: toNumber(row.lat), lon: toNumber(row.lon) }));
  const complete = controlPoints.every((point) => [...point.plan, point.lat, point.lon].every(Number.isFinite));
  const fit = points.length === 0 ? null : complete ? fitPlanTransform({ controlPoints }) : ({ ok: false } as const);

  const editFloor = (index: number, patch: Partial<Row<Floor>>) => setFloors(floors.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const editPoint = (index: number, patch: Partial<PointRow>) => setPoints(points.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void attempt(() =>
      patchSite(site.id, {
        name,
        nameEn: optionalText(nameEn),
        plan: { width: toNumber(width), height: toNumber(height) },
        floors: floors.map((row) => ({ level: toNumber(row.level), name: row.name, nameEn: optionalText(row.nameEn) })),
        anchor: points.length > 0 ? { controlPoints } : null,
        backdrop: backdropOf(backdrop),
      }),
    );
  };

  return (
    <form className="site-editor-form" data-testid="site-settings" onSubmit={handleSubmit}>
      <h2>{t('siteEditor.settings.title')}</h2>
      <Field label={t('siteEditor.settings.name')}>
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label={t('siteEditor.settings.nameEn')}>
        <input value={nameEn} onChange={(event) => setNameEn(event.target.value)} data-testid="settings-name-en" />
      </Field>
      <div className="site-editor-form__row">
        <Field label={t('siteEditor.settings.width')}>
          <input type="number" value={width} onChange={(event) => setWidth(event.target.value)} />
        </Field>
        <Field label={t('siteEditor.settings.height')}>
          <input type="number" value={height} onChange={(event) => setHeight(event.target.value)} />
        </Field>
      </div>
      <fieldset className="site-editor-form__camera">
        <legend>{t('siteEditor.settings.floors')}</legend>
        {floors.length > 0 && (
          <div className="site-editor-table-row site-editor-table-row--head" aria-hidden="true">
            <span>{t('siteEditor.settings.level')}</span>
            <span>{t('siteEditor.settings.floorName')}</span>
            <span>{t('siteEditor.settings.floorNameEn')}</span>
          </div>
        )}
        {floors.map((row, index) => (
          <div className="site-editor-table-row" key={index}>
            <input aria-label={t('siteEditor.settings.level')} type="number" value={row.level} onChange={(event) => editFloor(index, { level: event.target.value })} />
            <input aria-label={t('siteEditor.settings.floorName')} value={row.name} onChange={(event) => editFloor(index, { name: event.target.value })} />
            <input aria-label={t('siteEditor.settings.floorNameEn')} value={row.nameEn} onChange={(event) => editFloor(index, { nameEn: event.target.value })} />
            <RemoveButton label={t('siteEditor.settings.removeRow')} onClick={() => setFloors(floors.filter((_, i) => i !== index))} />
          </div>
        ))}
        <button type="button" className="button button--small" onClick={() => setFloors([...floors, { level: '', name: '', nameEn: '' }])}>
          {t('siteEditor.settings.addFloor')}
        </button>
      </fieldset>
      <fieldset className="site-editor-form__camera">
        <legend>{t('siteEditor.settings.anchor')}</legend>
        {points.length > 0 && (
          <div className="site-editor-table-row site-editor-table-row--anchor site-editor-table-row--head" aria-hidden="true">
            {POINT_KEYS.map((key) => (
              <span key={key}>{t(`siteEditor.settings.${key}`)}</span>
            ))}
          </div>
        )}
        {points.map((row, index) => (
          <div className="site-editor-table-row site-editor-table-row--anchor" key={index}>
            {POINT_KEYS.map((key) => (
              <input key={key} aria-label={t(`siteEditor.settings.${key}`)} placeholder={t(`siteEditor.settings.${key}`)} type="number" step="any" value={row[key]} onChange={(event) => editPoint(index, { [key]: event.target.value })} />
            ))}
            <RemoveButton label={t('siteEditor.settings.removeRow')} onClick={() => setPoints(points.filter((_, i) => i !== index))} />
          </div>
        ))}
        <button type="button" className="button button--small" onClick={() => setPoints([...points, { x: '', y: '', lat: '', lon: '' }])}>
          {t('siteEditor.settings.addPoint')}
        </button>
        <p className="site-editor-form__id" data-testid="anchor-fit">
          {!fit ? t('siteEditor.settings.noAnchor') : fit.ok
              ? t('siteEditor.settings.rms', { value: fit.transform.rmsError.toFixed(2) })
              : t(points.length < 3 ? 'siteEditor.settings.anchorTooFew' : 'siteEditor.settings.anchorCollinear')}
        </p>
      </fieldset>
      <BackdropFields site={site} row={backdrop} onChange={setBackdrop} />
      <div className="site-editor-form__actions">
        <button type="submit" className="button button--primary">
          {t('siteEditor.settings.save')}
        </button>
      </div>
    </form>
  );
}
