import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './features/auth/RequireAuth';
import { DEFAULT_PATH } from './features/auth/nextPath';
import { useSession } from './features/auth/sessionStore';
import { LoginScreen } from './screens/LoginScreen';
import { WallScreen } from './screens/WallScreen';
import { MonitorScreen } from './screens/MonitorScreen';
import { GuardScreen } from './screens/GuardScreen';
import { ConsoleScreen } from './screens/ConsoleScreen';
import { CommandScreen } from './screens/CommandScreen';
import { FullScreenMessage } from './components/FullScreenMessage';

// The site editor (Leaflet-Geoman and its forms) is for admins on /admin/site only: the wall,
// the monitors and the guard's phone do not download it.
const SiteEditorScreen = lazy(() => import('./screens/SiteEditorScreen').then((module) => ({ default: module.SiteEditorScreen })));

function EditorLoading() {
  const { t } = useTranslation();
  return <FullScreenMessage message={t('wallOps.loadingEditor')} />;
}

/** The phone setup page (its QR encoder) is opened once per phone, not by the wall. */
const PhoneSetupScreen = lazy(() => import('./screens/PhoneSetupScreen').then((module) => ({ default: module.PhoneSetupScreen })));

/** Loaded only on /admin/users: it carries the password checker's dictionaries. */
const AdminUsersScreen = lazy(() => import('./screens/AdminUsersScreen'));
/** The plan library editor and the closing report: opened from the office, not the wall. */
const PlansScreen = lazy(() => import('./screens/PlansScreen'));
const ReportScreen = lazy(() => import('./screens/ReportScreen'));
/** A drill's report and debrief, with its chart (ECharts): loaded only there. */
const DrillReportScreen = lazy(() => import('./screens/DrillReportScreen'));
/** The alarm history: searched from the office or the console, not by the wall. */
const AlarmHistoryScreen = lazy(() => import('./screens/AlarmHistoryScreen'));
/** Reports and KPIs, with ECharts: read in the office, never downloaded by the wall. */
const ReportsScreen = lazy(() => import('./screens/ReportsScreen'));
/** The drill controller's screen: opened by whoever runs a drill, not by the wall. */
const DrillsScreen = lazy(() => import('./screens/DrillsScreen'));
/** The audit log: admins, from the office. */
const AuditScreen = lazy(() => import('./screens/AuditScreen'));
/** Patrol routes and their label sheets: the admin's, at setup. */
const PatrolsScreen = lazy(() => import('./screens/PatrolsScreen'));
const PatrolLabelsScreen = lazy(() => import('./screens/PatrolLabelsScreen'));

export function App() {
  const check = useSession((session) => session.check);
  useEffect(() => {
    void check();
  }, [check]);

  return (
    <Routes>
      <Route path="/login" element={<LoginScreen />} />
      <Route
        path="/setup/phone"
        element={
          <Suspense fallback={null}>
            <PhoneSetupScreen />
          </Suspense>
        }
      />
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
        path="/command"
        element={
          <RequireAuth screen="command">
            <CommandScreen />
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
            <Suspense fallback={<EditorLoading />}>
              <SiteEditorScreen />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="/admin/users"
        element={
          <RequireAuth screen="users">
            <Suspense fallback={null}>
              <AdminUsersScreen />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="/admin/plans"
        element={
          <RequireAuth screen="plans">
            <Suspense fallback={null}>
              <PlansScreen />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="/incidents/:incidentId/report"
        element={
          <RequireAuth screen="report">
            <Suspense fallback={null}>
              <ReportScreen />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="/drills/:runId/report"
        element={
          <RequireAuth screen="drillReport">
            <Suspense fallback={null}>
              <DrillReportScreen />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="/alarms/history"
        element={
          <RequireAuth screen="history">
            <Suspense fallback={null}>
              <AlarmHistoryScreen />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="/reports"
        element={
          <RequireAuth screen="reports">
            <Suspense fallback={null}>
              <ReportsScreen />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="/admin/patrols"
        element={
          <RequireAuth screen="patrols">
            <Suspense fallback={null}>
              <PatrolsScreen />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="/drills"
        element={
          <RequireAuth screen="drills">
            <Suspense fallback={null}>
              <DrillsScreen />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="/admin/audit"
        element={
          <RequireAuth screen="audit">
            <Suspense fallback={null}>
              <AuditScreen />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="/admin/patrols/:routeId/labels"
        element={
          <RequireAuth screen="patrols">
            <Suspense fallback={null}>
              <PatrolLabelsScreen />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route path="*" element={<Navigate to={DEFAULT_PATH} replace />} />
    </Routes>
  );
}
