import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { FullScreenMessage } from '../../components/FullScreenMessage';
import { useTranslation } from 'react-i18next';
import { loginPathFor } from './nextPath';
import { useSession } from './sessionStore';

/** Renders its children for a signed-in user; sends anyone else to the login screen. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const status = useSession((session) => session.status);
  const location = useLocation();
  if (status === 'checking') return <FullScreenMessage message={t('app.loading')} />;
  if (status === 'signedOut') return <Navigate to={loginPathFor(location)} replace />;
  return children;
}
