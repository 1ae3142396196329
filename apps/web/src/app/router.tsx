import { lazy, type ReactNode, Suspense } from "react";
import { createBrowserRouter, Outlet } from "react-router";
import { RequirePermission, RequireScreen, RequireSignedIn } from "../auth/guards";
import { PageLoading } from "../components/PageLoading";
import { NotFoundResult } from "../components/Results";
import { SCREENS } from "../layout/menu";
import { PortalLayout } from "../layout/PortalLayout";
import { StaffLayout } from "../layout/StaffLayout";
import { LoginPage } from "../pages/LoginPage";

// Every screen past sign-in is its own chunk: the first load carries only the shell and login.
// Statistics pull in ECharts: their own chunk, loaded only when the dashboard opens (issue #8).
const StatsDashboardPage = lazy(() =>
  import("../pages/stats/StatsDashboardPage").then((m) => ({ default: m.StatsDashboardPage })),
);
const ExportsPage = lazy(() => import("../pages/exports/ExportsPage").then((m) => ({ default: m.ExportsPage })));
const HomePage = lazy(() => import("../pages/HomePage").then((m) => ({ default: m.HomePage })));
const AccountPage = lazy(() => import("../pages/AccountPage").then((m) => ({ default: m.AccountPage })));
const SetupPage = lazy(() => import("../pages/SetupPage").then((m) => ({ default: m.SetupPage })));
const PublicEstatePage = lazy(() => import("../pages/PublicEstatePage").then((m) => ({ default: m.PublicEstatePage })));
const PortalHomePage = lazy(() =>
  import("../pages/portal/PortalHomePage").then((m) => ({ default: m.PortalHomePage })),
);
const PortalCaseFormPage = lazy(() =>
  import("../pages/portal/PortalCaseFormPage").then((m) => ({ default: m.PortalCaseFormPage })),
);
const PortalCasePage = lazy(() =>
  import("../pages/portal/PortalCasePage").then((m) => ({ default: m.PortalCasePage })),
);
const IntakePage = lazy(() => import("../pages/intake/IntakePage").then((m) => ({ default: m.IntakePage })));
const ForwardPage = lazy(() => import("../pages/forward/ForwardPage").then((m) => ({ default: m.ForwardPage })));
const RegisterPage = lazy(() => import("../pages/cases/RegisterPage").then((m) => ({ default: m.RegisterPage })));
const CaseDetailPage = lazy(() => import("../pages/cases/CaseDetailPage").then((m) => ({ default: m.CaseDetailPage })));
const CallbacksPage = lazy(() =>
  import("../pages/callbacks/CallbacksPage").then((m) => ({ default: m.CallbacksPage })),
);
const DispatchBoardPage = lazy(() =>
  import("../pages/repairs/DispatchBoardPage").then((m) => ({ default: m.DispatchBoardPage })),
);
const MyWorkOrdersPage = lazy(() =>
  import("../pages/repairs/MyWorkOrdersPage").then((m) => ({ default: m.MyWorkOrdersPage })),
);
const WorkerOrderPage = lazy(() =>
  import("../pages/repairs/WorkerOrderPage").then((m) => ({ default: m.WorkerOrderPage })),
);
const RepairSettingsPage = lazy(() =>
  import("../pages/repairs/RepairSettingsPage").then((m) => ({ default: m.RepairSettingsPage })),
);
const WorkOrderFormPage = lazy(() =>
  import("../pages/repairs/WorkOrderFormPage").then((m) => ({ default: m.WorkOrderFormPage })),
);
const InboxPage = lazy(() => import("../pages/complaints/InboxPage").then((m) => ({ default: m.InboxPage })));
const TrackingPage = lazy(() => import("../pages/complaints/TrackingPage").then((m) => ({ default: m.TrackingPage })));
const CalendarPage = lazy(() =>
  import("../pages/admin/settings/CalendarPage").then((m) => ({ default: m.CalendarPage })),
);
const DeadlinesPage = lazy(() =>
  import("../pages/admin/settings/DeadlinesPage").then((m) => ({ default: m.DeadlinesPage })),
);
const WebhooksPage = lazy(() =>
  import("../pages/admin/settings/WebhooksPage").then((m) => ({ default: m.WebhooksPage })),
);
const MajorComplaintsPage = lazy(() =>
  import("../pages/admin/settings/MajorComplaintsPage").then((m) => ({ default: m.MajorComplaintsPage })),
);
const EstatesPage = lazy(() => import("../pages/admin/estates/EstatesPage").then((m) => ({ default: m.EstatesPage })));
const EstateDetailPage = lazy(() =>
  import("../pages/admin/estates/EstateDetailPage").then((m) => ({ default: m.EstateDetailPage })),
);
const ResidentsPage = lazy(() =>
  import("../pages/admin/residents/ResidentsPage").then((m) => ({ default: m.ResidentsPage })),
);
const DepartmentsPage = lazy(() =>
  import("../pages/admin/catalog/DepartmentsPage").then((m) => ({ default: m.DepartmentsPage })),
);
const TradesPage = lazy(() => import("../pages/admin/catalog/TradesPage").then((m) => ({ default: m.TradesPage })));
const CategoriesPage = lazy(() =>
  import("../pages/admin/catalog/CategoriesPage").then((m) => ({ default: m.CategoriesPage })),
);
const UsersPage = lazy(() => import("../pages/admin/users/UsersPage").then((m) => ({ default: m.UsersPage })));
const HandoversPage = lazy(() => import("../pages/records/HandoversPage").then((m) => ({ default: m.HandoversPage })));
const HandoverDetailPage = lazy(() =>
  import("../pages/records/HandoverDetailPage").then((m) => ({ default: m.HandoverDetailPage })),
);
const RegisterInspectionsPage = lazy(() =>
  import("../pages/records/InspectionsPage").then((m) => ({ default: m.InspectionsPage })),
);
const InspectionDetailPage = lazy(() =>
  import("../pages/records/InspectionDetailPage").then((m) => ({ default: m.InspectionDetailPage })),
);
const AuditChainPage = lazy(() =>
  import("../pages/records/AuditChainPage").then((m) => ({ default: m.AuditChainPage })),
);
const RetentionPage = lazy(() => import("../pages/records/RetentionPage").then((m) => ({ default: m.RetentionPage })));
const OrganisationPage = lazy(() =>
  import("../pages/admin/OrganisationPage").then((m) => ({ default: m.OrganisationPage })),
);

function Standalone({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

// Issue #7 part B: the quality of callbacks.
const NonconformitiesPage = lazy(() =>
  import("../pages/quality/NonconformitiesPage").then((m) => ({ default: m.NonconformitiesPage })),
);
const NonconformityPage = lazy(() =>
  import("../pages/quality/NonconformityPage").then((m) => ({ default: m.NonconformityPage })),
);
const NonconformityReportPage = lazy(() =>
  import("../pages/quality/NonconformityReportPage").then((m) => ({ default: m.NonconformityReportPage })),
);
const SuggestionWeekPage = lazy(() =>
  import("../pages/quality/SuggestionWeekPage").then((m) => ({ default: m.SuggestionWeekPage })),
);
const TopicPage = lazy(() => import("../pages/quality/TopicPage").then((m) => ({ default: m.TopicPage })));
const InspectionsPage = lazy(() =>
  import("../pages/quality/InspectionsPage").then((m) => ({ default: m.InspectionsPage })),
);
const OpenLettersPage = lazy(() =>
  import("../pages/quality/OpenLettersPage").then((m) => ({ default: m.OpenLettersPage })),
);
const OpenLetterEditorPage = lazy(() =>
  import("../pages/quality/OpenLetterEditorPage").then((m) => ({ default: m.OpenLetterEditorPage })),
);
const OpenLetterPage = lazy(() =>
  import("../pages/quality/OpenLetterPage").then((m) => ({ default: m.OpenLetterPage })),
);
const PortalLettersPage = lazy(() =>
  import("../pages/quality/portal/PortalLettersPage").then((m) => ({ default: m.PortalLettersPage })),
);
const PortalLetterPage = lazy(() =>
  import("../pages/quality/portal/PortalLettersPage").then((m) => ({ default: m.PortalLetterPage })),
);

export function createAppRouter() {
  return createBrowserRouter([
    { path: "/login", element: <LoginPage /> },
    {
      path: "/setup",
      element: (
        <Standalone>
          <SetupPage />
        </Standalone>
      ),
    },
    {
      // Public: printed on notices and QR codes, opened on residents' phones without sign-in.
      path: "/e/:publicCode",
      element: (
        <Standalone>
          <PublicEstatePage />
        </Standalone>
      ),
    },
    {
      path: "/portal",
      element: (
        <RequireSignedIn>
          <PortalLayout />
        </RequireSignedIn>
      ),
      children: [
        { index: true, element: <PortalHomePage /> },
        { path: "new/:kind", element: <PortalCaseFormPage /> },
        { path: "cases/:id", element: <PortalCasePage /> },
        { path: "letters", element: <PortalLettersPage /> },
        { path: "letters/:id", element: <PortalLetterPage /> },
        { path: "account", element: <AccountPage /> },
        { path: "*", element: <NotFoundResult homePath="/portal" /> },
      ],
    },
    {
      path: "/",
      element: (
        <RequireSignedIn>
          <StaffLayout />
        </RequireSignedIn>
      ),
      children: [
        { index: true, element: <HomePage /> },
        { path: "account", element: <AccountPage /> },
        {
          path: "intake",
          element: (
            <RequirePermission permission={SCREENS.intake.permission}>
              <IntakePage />
            </RequirePermission>
          ),
        },
        {
          path: "forward",
          element: (
            <RequirePermission permission={SCREENS.forward.permission}>
              <ForwardPage />
            </RequirePermission>
          ),
        },
        {
          path: "cases",
          element: (
            <RequirePermission permission={SCREENS.register.permission}>
              <RegisterPage />
            </RequirePermission>
          ),
        },
        {
          path: "cases/:id",
          element: (
            <RequirePermission permission={SCREENS.register.permission}>
              <CaseDetailPage />
            </RequirePermission>
          ),
        },
        {
          path: "stats",
          element: (
            <RequirePermission permission={SCREENS.stats.permission}>
              <StatsDashboardPage />
            </RequirePermission>
          ),
        },
        {
          path: "exports",
          element: (
            <RequirePermission permission={SCREENS.exports.permission}>
              <ExportsPage />
            </RequirePermission>
          ),
        },
        {
          path: "repairs/board",
          element: (
            <RequireScreen screen={SCREENS.repairBoard}>
              <DispatchBoardPage />
            </RequireScreen>
          ),
        },
        {
          path: "repairs/mine",
          element: (
            <RequireScreen screen={SCREENS.myWorkOrders}>
              <MyWorkOrdersPage />
            </RequireScreen>
          ),
        },
        {
          // The order's step screen: the assigned worker, or the leader acting for him (the server decides).
          path: "repairs/mine/:id",
          element: (
            <RequirePermission permission={SCREENS.register.permission}>
              <WorkerOrderPage />
            </RequirePermission>
          ),
        },
        {
          path: "repairs/settings",
          element: (
            <RequireScreen screen={SCREENS.repairSettings}>
              <RepairSettingsPage />
            </RequireScreen>
          ),
        },
        {
          path: "work-orders/:id",
          element: (
            <RequirePermission permission={SCREENS.register.permission}>
              <WorkOrderFormPage />
            </RequirePermission>
          ),
        },
        {
          path: "callbacks",
          element: (
            <RequireScreen screen={SCREENS.callbacks}>
              <CallbacksPage />
            </RequireScreen>
          ),
        },
        {
          path: "complaints/inbox",
          element: (
            <RequireScreen screen={SCREENS.inbox}>
              <InboxPage />
            </RequireScreen>
          ),
        },
        {
          path: "quality/nonconformities",
          element: (
            <RequireScreen screen={SCREENS.nonconformities}>
              <NonconformitiesPage />
            </RequireScreen>
          ),
        },
        {
          // Responsible people of any department open it from their notification; the server decides.
          path: "quality/nonconformities/:id",
          element: (
            <RequirePermission permission={SCREENS.register.permission}>
              <NonconformityPage />
            </RequirePermission>
          ),
        },
        {
          path: "quality/nonconformities/:id/report",
          element: (
            <RequirePermission permission={SCREENS.register.permission}>
              <NonconformityReportPage />
            </RequirePermission>
          ),
        },
        {
          path: "quality/suggestions",
          element: (
            <RequireScreen screen={SCREENS.suggestionWeek}>
              <SuggestionWeekPage />
            </RequireScreen>
          ),
        },
        {
          path: "quality/topics/:id",
          element: (
            <RequirePermission permission={SCREENS.register.permission}>
              <TopicPage />
            </RequirePermission>
          ),
        },
        {
          path: "quality/inspections",
          element: (
            <RequireScreen screen={SCREENS.inspections}>
              <InspectionsPage />
            </RequireScreen>
          ),
        },
        {
          path: "quality/letters",
          element: (
            <RequireScreen screen={SCREENS.openLetters}>
              <OpenLettersPage />
            </RequireScreen>
          ),
        },
        {
          path: "quality/letters/new",
          element: (
            <RequirePermission permission="suggestions.manage">
              <OpenLetterEditorPage />
            </RequirePermission>
          ),
        },
        {
          path: "quality/letters/:id",
          element: (
            <RequirePermission permission={SCREENS.register.permission}>
              <OpenLetterPage />
            </RequirePermission>
          ),
        },
        {
          path: "complaints/tracking",
          element: (
            <RequireScreen screen={SCREENS.tracking}>
              <TrackingPage />
            </RequireScreen>
          ),
        },
        {
          path: "admin",
          element: <Outlet />,
          children: [
            {
              path: "calendar",
              element: (
                <RequirePermission permission={SCREENS.calendar.permission}>
                  <CalendarPage />
                </RequirePermission>
              ),
            },
            {
              path: "deadlines",
              element: (
                <RequirePermission permission={SCREENS.deadlines.permission}>
                  <DeadlinesPage />
                </RequirePermission>
              ),
            },
            {
              path: "webhooks",
              element: (
                <RequirePermission permission={SCREENS.webhooks.permission}>
                  <WebhooksPage />
                </RequirePermission>
              ),
            },
            {
              path: "major-complaints",
              element: (
                <RequirePermission permission={SCREENS.majorComplaints.permission}>
                  <MajorComplaintsPage />
                </RequirePermission>
              ),
            },
            {
              path: "estates",
              element: (
                <RequirePermission permission={SCREENS.estates.permission}>
                  <EstatesPage />
                </RequirePermission>
              ),
            },
            {
              path: "estates/:id",
              element: (
                <RequirePermission permission={SCREENS.estates.permission}>
                  <EstateDetailPage />
                </RequirePermission>
              ),
            },
            {
              path: "residents",
              element: (
                <RequirePermission permission={SCREENS.residents.permission}>
                  <ResidentsPage />
                </RequirePermission>
              ),
            },
            {
              path: "departments",
              element: (
                <RequirePermission permission={SCREENS.departments.permission}>
                  <DepartmentsPage />
                </RequirePermission>
              ),
            },
            {
              path: "trades",
              element: (
                <RequirePermission permission={SCREENS.trades.permission}>
                  <TradesPage />
                </RequirePermission>
              ),
            },
            {
              path: "categories",
              element: (
                <RequirePermission permission={SCREENS.categories.permission}>
                  <CategoriesPage />
                </RequirePermission>
              ),
            },
            {
              path: "users",
              element: (
                <RequirePermission permission={SCREENS.users.permission}>
                  <UsersPage />
                </RequirePermission>
              ),
            },
            {
              path: "organisation",
              element: (
                <RequirePermission permission={SCREENS.organisation.permission}>
                  <OrganisationPage />
                </RequirePermission>
              ),
            },
          ],
        },
        {
          path: "records",
          element: <Outlet />,
          children: [
            {
              path: "handovers",
              element: (
                <RequirePermission permission={SCREENS.handovers.permission}>
                  <HandoversPage />
                </RequirePermission>
              ),
            },
            {
              path: "handovers/:id",
              element: (
                <RequirePermission permission={SCREENS.handovers.permission}>
                  <HandoverDetailPage />
                </RequirePermission>
              ),
            },
            {
              path: "inspections",
              element: (
                <RequirePermission permission={SCREENS.registerInspections.permission}>
                  <RegisterInspectionsPage />
                </RequirePermission>
              ),
            },
            {
              path: "inspections/:id",
              element: (
                <RequirePermission permission={SCREENS.registerInspections.permission}>
                  <InspectionDetailPage />
                </RequirePermission>
              ),
            },
            {
              path: "audit-chain",
              element: (
                <RequirePermission permission={SCREENS.auditChain.permission}>
                  <AuditChainPage />
                </RequirePermission>
              ),
            },
            {
              path: "retention",
              element: (
                <RequirePermission permission={SCREENS.retention.permission}>
                  <RetentionPage />
                </RequirePermission>
              ),
            },
          ],
        },
        { path: "*", element: <NotFoundResult /> },
      ],
    },
  ]);
}
