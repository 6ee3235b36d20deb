import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { GuestOnly } from './auth/GuestOnly';
import { CHANGE_PASSWORD_PATH, RequireAuth } from './auth/RequireAuth';
import { RequireRole } from './auth/RequireRole';
import { AppLayout } from './layout/AppLayout';
import { PageLoading } from './layout/PageLoading';
import { PublicLayout } from './layout/PublicLayout';
import { SessionLayout } from './layout/SessionLayout';
import { LiveUpdates } from './live/LiveUpdates';
import { StatusPage } from './pages/StatusPage';

const LoginPage = lazy(() => import('./pages/LoginPage'));
const RegisterPage = lazy(() => import('./pages/RegisterPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const LandingPage = lazy(() => import('./visitor/LandingPage'));
const AgreementPage = lazy(() => import('./visitor/AgreementPage'));
const ForgotPasswordPage = lazy(() => import('./visitor/ForgotPasswordPage'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));
const CatalogPage = lazy(() => import('./catalog/CatalogPage'));
const ComparePage = lazy(() => import('./catalog/ComparePage'));
const ProductDetailPage = lazy(() => import('./catalog/ProductDetailPage'));
const InstitutionProductsPage = lazy(() => import('./institution/ProductsPage'));
const InstitutionOfficersPage = lazy(() => import('./institution/OfficersPage'));
const NewRequestPage = lazy(() => import('./requests/NewRequestPage'));
const MyRequestsPage = lazy(() => import('./requests/MyRequestsPage'));
const RequestDetailPage = lazy(() => import('./requests/RequestDetailPage'));
const OfficerRequestsPage = lazy(() => import('./requests/OfficerRequestsPage'));
const PipelinePage = lazy(() => import('./requests/PipelinePage'));
const GrabHallPage = lazy(() => import('./pool/GrabHallPage'));
const NotificationsPage = lazy(() => import('./notifications/NotificationsPage'));
const SupervisionDashboardPage = lazy(() => import('./supervision/DashboardPage'));
const SupervisionSlaPage = lazy(() => import('./supervision/SlaPage'));
const BreachesPage = lazy(() => import('./supervision/BreachesPage'));
const MonthlyReportPage = lazy(() => import('./supervision/ReportPage'));
const UrgesPage = lazy(() => import('./supervision/UrgesPage'));
const ProgramsPage = lazy(() => import('./fiscal/ProgramsPage'));
const ProgramDetailPage = lazy(() => import('./fiscal/ProgramDetailPage'));
const ClaimsPage = lazy(() => import('./fiscal/ClaimsPage'));
const FiscalViewPage = lazy(() => import('./fiscal/FiscalViewPage'));
const CalendarPage = lazy(() => import('./calendar/CalendarPage'));
const AdminInstitutionsPage = lazy(() => import('./admin/InstitutionsPage'));
const AdminAccountsPage = lazy(() => import('./admin/AccountsPage'));
const SlaPolicyPage = lazy(() => import('./admin/SlaPolicyPage'));
const ProfilePage = lazy(() => import('./profiles/ProfilePage'));
const PublicDataImportPage = lazy(() => import('./profiles/PublicDataImportPage'));

export function App() {
  return (
    <LiveUpdates>
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route element={<GuestOnly />}>
            <Route element={<PublicLayout />}>
              <Route path="/" element={<LandingPage />} />
            </Route>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/register" element={<RegisterPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          </Route>
          <Route element={<SessionLayout />}>
            <Route path="/terms" element={<AgreementPage document="terms" />} />
            <Route path="/privacy" element={<AgreementPage document="privacy" />} />
            <Route path="/products" element={<CatalogPage />} />
            <Route path="/products/compare" element={<ComparePage />} />
            <Route path="/products/:id" element={<ProductDetailPage />} />
          </Route>
          <Route element={<RequireAuth />}>
            {/* Before anything else after a password reset, so on its own, without the app's navigation. */}
            <Route path={CHANGE_PASSWORD_PATH} element={<ChangePasswordPage />} />
            {/* Printable on its own, without the app's navigation. */}
            <Route element={<RequireRole roles={['bureau', 'admin']} />}>
              <Route path="/bureau/report" element={<MonthlyReportPage />} />
            </Route>
            <Route element={<AppLayout />}>
              <Route path="/home" element={<HomePage />} />
              <Route path="/notifications" element={<NotificationsPage />} />
              <Route element={<RequireRole roles={['enterprise', 'individual']} />}>
                <Route path="/my/requests" element={<MyRequestsPage />} />
                <Route path="/my/requests/new" element={<NewRequestPage />} />
                <Route path="/my/requests/:id" element={<RequestDetailPage />} />
                <Route path="/my/profile" element={<ProfilePage />} />
              </Route>
              <Route element={<RequireRole roles={['officer']} />}>
                <Route path="/pool" element={<GrabHallPage />} />
                <Route path="/officer/requests" element={<OfficerRequestsPage />} />
                <Route path="/officer/requests/:id" element={<RequestDetailPage />} />
              </Route>
              <Route element={<RequireRole roles={['institution_admin']} />}>
                <Route path="/institution/products" element={<InstitutionProductsPage />} />
                <Route path="/institution/officers" element={<InstitutionOfficersPage />} />
                <Route path="/institution/pipeline" element={<PipelinePage />} />
                <Route path="/institution/pipeline/:id" element={<RequestDetailPage />} />
              </Route>
              <Route element={<RequireRole roles={['bureau', 'admin']} />}>
                <Route path="/bureau/overview" element={<SupervisionDashboardPage />} />
                <Route path="/bureau/sla" element={<SupervisionSlaPage />} />
                <Route path="/bureau/breaches" element={<BreachesPage />} />
                <Route path="/bureau/programs" element={<ProgramsPage />} />
                <Route path="/bureau/programs/:id" element={<ProgramDetailPage />} />
                <Route path="/bureau/fiscal" element={<FiscalViewPage />} />
              </Route>
              <Route element={<RequireRole roles={['bureau']} />}>
                <Route path="/bureau/claims" element={<ClaimsPage />} />
              </Route>
              <Route element={<RequireRole roles={['bureau']} />}>
                <Route path="/bureau/public-data" element={<PublicDataImportPage />} />
              </Route>
              <Route element={<RequireRole roles={['institution_admin', 'officer']} />}>
                <Route path="/urges" element={<UrgesPage />} />
              </Route>
              <Route element={<RequireRole roles={['admin']} />}>
                <Route path="/admin/institutions" element={<AdminInstitutionsPage />} />
                <Route path="/admin/accounts" element={<AdminAccountsPage />} />
                <Route path="/admin/sla-policy" element={<SlaPolicyPage />} />
                <Route path="/admin/calendar" element={<CalendarPage />} />
              </Route>
              <Route path="*" element={<StatusPage status={404} />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </LiveUpdates>
  );
}
