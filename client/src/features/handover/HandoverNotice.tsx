import { can, type Handover } from '@vigil/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useInRouterContext, useLocation } from 'react-router-dom';
import { useReplaying } from '../../lib/screenClock';
import { useSession } from '../auth/sessionStore';
import { fetchHandovers } from './handoverApi';

const REFRESH_MS = 30_000;

/**
 * In the header of every control-room screen: a handover waiting for this officer, linked to the
 * console where it is acknowledged. Nothing on the console and the command screen (their panel shows it).
 */
export function HandoverNotice({ siteId }: { siteId: string | null }) {
  return useInRouterContext() && siteId ? <HandoverNoticeInRouter siteId={siteId} /> : null;
}

function HandoverNoticeInRouter({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const user = useSession((session) => session.user);
  const { pathname } = useLocation();
  const replaying = useReplaying();
  const hasPanel = pathname === '/console' || pathname === '/command';
  const active = !replaying && !hasPanel && user !== null && can(user.role, 'shift.handover');
  const [waiting, setWaiting] = useState<Handover | null>(null);
  useEffect(() => {
    if (!active || !user) return undefined;
    const read = () => {
      fetchHandovers(siteId).then(
        (list) => setWaiting(list.find((handover) => handover.acknowledgedAt === null && handover.from.id !== user.id && (handover.to === null || handover.to.id === user.id)) ?? null),
        () => setWaiting(null),
      );
    };
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, siteId, user]);
  if (!active || !waiting) return null;
  return (
    <Link className="button button--small handover-notice" to="/console" role="status" data-testid="handover-notice">
      {t('handover.notice', { name: waiting.from.name })}
    </Link>
  );
}
