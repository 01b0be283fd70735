import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session-context';
import { can } from '../auth/session';
import type { Permission } from '../api/types';
import { CdrsPage } from '../pages/cdrs-page';
import { ExplainPage } from '../pages/explain-page';
import { ExtensionsPage } from '../pages/extensions-page';
import { LoginPage } from '../pages/login-page';
import { NotFoundPage } from '../pages/not-found-page';
import { OverviewPage } from '../pages/overview-page';
import { RegistrationsPage } from '../pages/registrations-page';
import { ReportsPage } from '../pages/reports-page';
import { SitesPage } from '../pages/sites-page';
import { Shell } from './shell';

function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/** A page the role may not read is not offered, and its URL shows "not found" rather than a failing page. */
function Allowed({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { session } = useSession();
  return can(session, permission) ? children : <NotFoundPage />;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <Shell />
          </RequireSession>
        }
      >
        <Route index element={<OverviewPage />} />
        <Route path="sites" element={<Allowed permission="sites:read"><SitesPage /></Allowed>} />
        <Route path="extensions" element={<Allowed permission="extensions:read"><ExtensionsPage /></Allowed>} />
        <Route path="registrations" element={<Allowed permission="registrations:read"><RegistrationsPage /></Allowed>} />
        <Route path="explain" element={<Allowed permission="dialplan:explain"><ExplainPage /></Allowed>} />
        <Route path="cdrs" element={<Allowed permission="cdrs:read"><CdrsPage /></Allowed>} />
        <Route path="reports" element={<Allowed permission="reports:read"><ReportsPage /></Allowed>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
