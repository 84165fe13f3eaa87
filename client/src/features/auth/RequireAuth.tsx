import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { FullScreenMessage } from '../../components/FullScreenMessage';
import { useTranslation } from 'react-i18next';
import { loginPathFor, pathForScreen, type Screen } from './nextPath';
import { useSession } from './sessionStore';

/**
 * Renders its children for a signed-in user whose role the screen is for; sends a signed-out
 * visitor to the login screen and any other role to its own home (a guard to the phone page).
 */
export function RequireAuth({ screen, children }: { screen: Screen; children: ReactNode }) {
  const { t } = useTranslation();
  const status = useSession((session) => session.status);
  const role = useSession((session) => session.user?.role);
  const location = useLocation();
  if (status === 'checking') return <FullScreenMessage message={t('app.loading')} />;
  if (status === 'signedOut' || !role) return <Navigate to={loginPathFor(location)} replace />;
  const elsewhere = pathForScreen(screen, role);
  if (elsewhere) return <Navigate to={elsewhere} replace />;
  return children;
}
