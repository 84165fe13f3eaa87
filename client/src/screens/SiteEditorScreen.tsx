import { can } from '@vigil/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { BrandMark } from '../components/BrandMark';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { FullScreenMessage } from '../components/FullScreenMessage';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { UserBadge } from '../components/UserBadge';
import { useSession } from '../features/auth/sessionStore';
import { EditorFloorTabs } from '../features/site-editor/EditorFloorTabs';
import { EditorMap } from '../features/site-editor/EditorMap';
import { EditorToolbar } from '../features/site-editor/EditorToolbar';
import { ErrorList } from '../features/site-editor/ErrorList';
import { ImportExport } from '../features/site-editor/ImportExport';
import { PropertiesPanel } from '../features/site-editor/PropertiesPanel';
import { useSiteEditor } from '../features/site-editor/editorStore';
import { useEditedSite } from '../features/site-editor/useEditedSite';
import { useEditorActions } from '../features/site-editor/useEditorActions';
import '../features/site-editor/site-editor.css';
import { useLocalizedName } from '../i18n/useLocalizedName';
import { RealtimeProvider } from '../realtime/RealtimeProvider';

function SiteEditor() {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const { site, synced } = useEditedSite();
  const actions = useEditorActions(site);
  const siteName = site ? nameOf(site) : null;

  useEffect(() => {
    document.title = `${t('siteEditor.title')} · ${siteName ?? t('app.name')}`;
  }, [siteName, t]);

  useEffect(() => {
    if (!site) return;
    const levels = site.floors.map((floor) => floor.level);
    if (!levels.includes(useSiteEditor.getState().floor)) useSiteEditor.getState().setFloor(levels.includes(0) ? 0 : (levels[0] ?? 0));
  }, [site]);

  return (
    <div className="site-editor" data-testid="site-editor">
      <header className="site-editor__header">
        <div className="site-editor__title">
          <BrandMark />
          <div>
            <h1>{t('siteEditor.title')}</h1>
            <p data-testid="editor-site-name">{siteName ?? ''}</p>
          </div>
        </div>
        <ImportExport site={site} />
        <div className="site-editor__status">
          <Link className="button button--quiet" to="/wall">
            {t('siteEditor.backToWall')}
          </Link>
          <ConnectionBanner />
          <LanguageSwitch />
          <UserBadge />
        </div>
      </header>
      <EditorToolbar />
      <ErrorList />
      {site ? (
        <main className="site-editor__main">
          <div className="site-editor__stage">
            <EditorMap site={site} actions={actions} />
            <EditorFloorTabs site={site} />
          </div>
          <PropertiesPanel site={site} actions={actions} />
        </main>
      ) : (
        <FullScreenMessage message={synced ? t('siteEditor.noSite') : t('siteEditor.loading')} />
      )}
    </div>
  );
}

/** `/admin/site`: draw zones, place devices and cameras, import and export the site (admin only). */
export function SiteEditorScreen() {
  const { t } = useTranslation();
  const role = useSession((session) => session.user?.role);
  if (!role || !can(role, 'sites.edit')) return <FullScreenMessage message={t('siteEditor.forbidden')} />;
  return (
    <RealtimeProvider>
      <SiteEditor />
    </RealtimeProvider>
  );
}
