import { useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './features/auth/RequireAuth';
import { DEFAULT_PATH } from './features/auth/nextPath';
import { useSession } from './features/auth/sessionStore';
import { LoginScreen } from './screens/LoginScreen';
import { WallScreen } from './screens/WallScreen';
import { MonitorScreen } from './screens/MonitorScreen';
import { GuardScreen } from './screens/GuardScreen';
import { SiteEditorScreen } from './screens/SiteEditorScreen';
import { ConsoleScreen } from './screens/ConsoleScreen';

export function App() {
  const check = useSession((session) => session.check);
  useEffect(() => {
    void check();
  }, [check]);

  return (
    <Routes>
      <Route path="/login" element={<LoginScreen />} />
      <Route
        path="/wall"
        element={
          <RequireAuth screen="wall">
            <WallScreen />
          </RequireAuth>
        }
      />
      <Route
        path="/console"
        element={
          <RequireAuth screen="console">
            <ConsoleScreen />
          </RequireAuth>
        }
      />
      <Route
        path="/wall/:monitorId"
        element={
          <RequireAuth screen="monitor">
            <MonitorScreen />
          </RequireAuth>
        }
      />
      <Route
        path="/guard"
        element={
          <RequireAuth screen="guard">
            <GuardScreen />
          </RequireAuth>
        }
      />
      <Route
        path="/admin/site"
        element={
          <RequireAuth screen="siteEditor">
            <SiteEditorScreen />
          </RequireAuth>
        }
      />
      <Route path="*" element={<Navigate to={DEFAULT_PATH} replace />} />
    </Routes>
  );
}
