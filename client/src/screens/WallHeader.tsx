import type { Site } from '@vigil/shared';
import { useEffect } from 'react';
import { Link, useInRouterContext, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../components/BrandMark';
import { Clock } from '../components/Clock';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { UserBadge } from '../components/UserBadge';
import { SoundUnlockButton } from '../features/alarms/SoundUnlockButton';
import { ToneMuteControl } from '../features/alarms/ToneMuteControl';
import { useLocalizedName } from '../i18n/useLocalizedName';
import { HandoverNotice } from '../features/handover/HandoverNotice';
import '../features/handover/handover.css';
import { SCREEN_ROLES } from '../features/auth/nextPath';
import { useSession } from '../features/auth/sessionStore';
import { replayLinkSearch, useReplaying } from '../lib/screenClock';
import { DrillJoinLink } from '../features/drills/DrillJoinLink';
import { useDrillScreen } from '../features/drills/drillScreenStore';

/** Site, clock and connection first: what a glance from across the room must find. */
export function WallHeader({ site }: { site: Site | null }) {
  const { t } = useTranslation();
  const nameOf = useLocalizedName();
  const siteName = site ? nameOf(site) : null;
  const replaying = useReplaying();

  useEffect(() => {
    document.title = siteName ? `${siteName} · ${t('app.name')}` : t('app.name');
  }, [siteName, t]);

  return (
    <header className="wall-header">
      <div className="wall-header__site">
        <BrandMark />
        <div>
          <h1 className="wall-header__site-name" data-testid="site-name">
            {siteName ?? t('app.name')}
          </h1>
          <p className="wall-header__tagline">{t('app.tagline')}</p>
        </div>
      </div>
      <Clock />
      <div className="wall-header__status">
        <DrillJoinLink />
        <CommandLink />
        <HandoverNotice siteId={site?.id ?? null} />
        <ConnectionBanner />
        {/* A replay sounds nothing: no sound to unlock or mute. */}
        {!replaying && <SoundUnlockButton />}
        {!replaying && <ToneMuteControl />}
        <LanguageSwitch />
        <UserBadge />
      </div>
    </header>
  );
}

/** To the commander's incident screen, for the roles it is for (not on it already). */
function CommandLink() {
  return useInRouterContext() ? <CommandLinkInRouter /> : null;
}

function CommandLinkInRouter() {
  const { t } = useTranslation();
  const role = useSession((session) => session.user?.role);
  const here = useLocation().pathname === '/command';
  const replaying = useReplaying();
  const drillId = useDrillScreen((store) => store.run?.id ?? null);
  if (here || !role || !(SCREEN_ROLES.command as readonly string[]).includes(role)) return null;
  return (
    <Link className="button button--small wall-header__command" to={replaying ? `/command?${replayLinkSearch()}` : drillId ? `/command?drill=${drillId}` : '/command'} data-testid="command-link">
      {t('incidents.commandLink')}
    </Link>
  );
}
