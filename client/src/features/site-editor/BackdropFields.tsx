import { SITE_IMAGE_TYPES, type Site, type SiteBackdrop } from '@vigil/shared';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalizedName } from '../../i18n/useLocalizedName';
import { Field, toNumber } from './fields';
import { uploadSiteImage } from './siteEditorApi';
import { attempt } from './useEditorActions';

export interface BackdropRow {
  kind: 'none' | SiteBackdrop['kind'];
  url: string;
  west: string;
  south: string;
  east: string;
  north: string;
  maxZoom: string;
  /** '' = every floor. */
  floor: string;
}

/** The form's text fields for a site's backdrop (an image over the whole plan until told otherwise). */
export function backdropRow(site: Pick<Site, 'backdrop' | 'plan'>): BackdropRow {
  const { backdrop, plan } = site;
  const [[west, south], [east, north]] = backdrop?.kind === 'image' ? backdrop.bounds : [[0, 0], [plan.width, plan.height]];
  return {
    kind: backdrop?.kind ?? 'none',
    url: backdrop?.url ?? '',
    west: String(west),
    south: String(south),
    east: String(east),
    north: String(north),
    maxZoom: backdrop?.kind === 'tiles' ? String(backdrop.maxZoom) : '3',
    floor: backdrop?.floor === undefined ? '' : String(backdrop.floor),
  };
}

/** What PATCH takes; a number left blank goes as NaN and the server names the field. */
export function backdropOf(row: BackdropRow): SiteBackdrop | null {
  const floor = row.floor === '' ? {} : { floor: Number(row.floor) };
  if (row.kind === 'image') {
    return {
      kind: 'image',
      url: row.url.trim(),
      bounds: [
        [toNumber(row.west), toNumber(row.south)],
        [toNumber(row.east), toNumber(row.north)],
      ],
      ...floor,
    };
  }
  if (row.kind === 'tiles') return { kind: 'tiles', url: row.url.trim(), maxZoom: toNumber(row.maxZoom), ...floor };
  return null;
}

const CORNERS = ['west', 'south', 'east', 'north'] as const;

/**
 * The optional raster under the plan: an uploaded plan image (served by Vigil, no internet
 * needed), an image or tile URL the wall's browsers can reach, or none.
 */
export function BackdropFields({ site, row, onChange }: { site: Site; row: BackdropRow; onChange: (row: BackdropRow) => void }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const [uploading, setUploading] = useState(false);
  const edit = (patch: Partial<BackdropRow>) => onChange({ ...row, ...patch });

  const handleFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setUploading(true);
    await attempt(async () => {
      const { image } = await uploadSiteImage(site.id, file);
      edit({ kind: 'image', url: image.url });
    });
    setUploading(false);
  };

  return (
    <fieldset className="site-editor-form__camera" data-testid="backdrop-fields">
      <legend>{t('siteEditor.backdrop.title')}</legend>
      <Field label={t('siteEditor.backdrop.kind')}>
        <select value={row.kind} onChange={(event) => edit({ kind: event.target.value as BackdropRow['kind'] })} data-testid="backdrop-kind">
          {(['none', 'image', 'tiles'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {t(`siteEditor.backdrop.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </Field>
      {row.kind === 'image' && (
        <>
          <label className="button button--small site-editor-upload">
            {uploading ? t('siteEditor.backdrop.uploading') : t('siteEditor.backdrop.upload')}
            <input type="file" accept={SITE_IMAGE_TYPES.join(',')} onChange={(event) => void handleFile(event)} data-testid="backdrop-file" disabled={uploading} hidden />
          </label>
          <p className="site-editor-form__id">{t('siteEditor.backdrop.uploadHint')}</p>
        </>
      )}
      {row.kind !== 'none' && (
        <Field label={t(row.kind === 'image' ? 'siteEditor.backdrop.imageUrl' : 'siteEditor.backdrop.tilesUrl')}>
          <input
            value={row.url}
            onChange={(event) => edit({ url: event.target.value })}
            placeholder={row.kind === 'tiles' ? '/tiles/{z}/{x}/{y}.png' : ''}
            data-testid="backdrop-url"
            spellCheck={false}
          />
        </Field>
      )}
      {row.kind === 'image' && (
        <>
          <div className="site-editor-corners">
            {CORNERS.map((corner) => (
              <Field key={corner} label={t(`siteEditor.backdrop.${corner}`)}>
                <input type="number" step="any" value={row[corner]} onChange={(event) => edit({ [corner]: event.target.value })} data-testid={`backdrop-${corner}`} />
              </Field>
            ))}
          </div>
          <button
            type="button"
            className="button button--small site-editor-form__inline"
            onClick={() => edit({ west: '0', south: '0', east: String(site.plan.width), north: String(site.plan.height) })}
          >
            {t('siteEditor.backdrop.wholePlan')}
          </button>
        </>
      )}
      {row.kind === 'tiles' && (
        <Field label={t('siteEditor.backdrop.maxZoom')}>
          <input type="number" min={0} max={24} step={1} value={row.maxZoom} onChange={(event) => edit({ maxZoom: event.target.value })} data-testid="backdrop-max-zoom" />
        </Field>
      )}
      {row.kind !== 'none' && (
        <>
          <Field label={t('siteEditor.backdrop.floor')}>
            <select value={row.floor} onChange={(event) => edit({ floor: event.target.value })} data-testid="backdrop-floor">
              <option value="">{t('siteEditor.backdrop.everyFloor')}</option>
              {site.floors.map((floor) => (
                <option key={floor.level} value={String(floor.level)}>
                  {nameOf(floor)}
                </option>
              ))}
            </select>
          </Field>
          <p className="site-editor-form__id">{t(row.kind === 'image' ? 'siteEditor.backdrop.imageHint' : 'siteEditor.backdrop.tilesHint')}</p>
        </>
      )}
    </fieldset>
  );
}
