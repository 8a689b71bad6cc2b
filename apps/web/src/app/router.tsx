import { Spin } from "antd";
import { createBrowserRouter, Navigate } from "react-router";

import { AppLayout } from "./layout/AppLayout.tsx";
import { RouteError } from "./RouteError.tsx";

// Each page is its own chunk, loaded when first visited: the login page does not pay for ECharts.
const page = (load: () => Promise<{ [name: string]: unknown }>, name: string) => async () => ({
  Component: (await load())[name] as React.ComponentType,
});

const loading = <Spin style={{ display: "block", marginTop: 120 }} />;

export const router = createBrowserRouter([
  {
    path: "/login",
    lazy: page(() => import("../pages/auth/LoginPage.tsx"), "LoginPage"),
    errorElement: <RouteError />,
    hydrateFallbackElement: loading,
  },
  {
    path: "/forgot-password",
    lazy: page(() => import("../pages/auth/ForgotPasswordPage.tsx"), "ForgotPasswordPage"),
    errorElement: <RouteError />,
    hydrateFallbackElement: loading,
  },
  {
    path: "/reset-password",
    lazy: page(() => import("../pages/auth/ResetPasswordPage.tsx"), "ResetPasswordPage"),
    errorElement: <RouteError />,
    hydrateFallbackElement: loading,
  },
  // 大屏 (issue #19): the cockpit full screen, without the menu and top bar
  {
    path: "/cockpit/screen",
    lazy: page(() => import("../pages/cockpit/CockpitScreen.tsx"), "CockpitScreen"),
    errorElement: <RouteError />,
    hydrateFallbackElement: loading,
  },
  {
    path: "/",
    element: <AppLayout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: loading,
    children: [
      { index: true, element: <Navigate to="/overview" replace /> },
      {
        path: "overview",
        lazy: page(() => import("../pages/overview/OverviewPage.tsx"), "OverviewPage"),
      },
      {
        path: "cockpit",
        lazy: page(() => import("../pages/cockpit/CockpitPage.tsx"), "CockpitPage"),
      },
      { path: "plan", lazy: page(() => import("../pages/plan/PlanPage.tsx"), "PlanPage") },
      {
        path: "plan/import",
        lazy: page(() => import("../pages/import/ImportWizard.tsx"), "ImportWizard"),
      },
      { path: "tasks", lazy: page(() => import("../pages/tasks/TasksPage.tsx"), "TasksPage") },
      {
        path: "tasks/:taskId",
        lazy: page(() => import("../pages/tasks/TaskPage.tsx"), "TaskPage"),
      },
      {
        path: "assignments",
        lazy: page(() => import("../pages/cascade/AssignmentsPage.tsx"), "AssignmentsPage"),
      },
      // the old-style link to one assignment (mails, messages): the page with it open
      {
        path: "cascade/:assignmentId",
        lazy: page(() => import("../pages/cascade/AssignmentRedirect.tsx"), "AssignmentRedirect"),
      },
      {
        path: "annual",
        lazy: page(() => import("../pages/annual/AnnualPage.tsx"), "AnnualPage"),
      },
      { path: "todo", lazy: page(() => import("../pages/todo/TodoPage.tsx"), "TodoPage") },
      {
        path: "roadmap",
        lazy: page(() => import("../pages/roadmap/RoadmapPage.tsx"), "RoadmapPage"),
      },
      {
        path: "timetable",
        lazy: page(() => import("../pages/timetable/TimetablePage.tsx"), "TimetablePage"),
      },
      { path: "ledger", lazy: page(() => import("../pages/ledger/LedgerPage.tsx"), "LedgerPage") },
      {
        path: "indicators",
        lazy: page(() => import("../pages/indicators/IndicatorsPage.tsx"), "IndicatorsPage"),
      },
      {
        path: "admin/departments",
        lazy: page(() => import("../pages/admin/DepartmentsPage.tsx"), "DepartmentsPage"),
      },
      {
        path: "admin/districts",
        lazy: page(() => import("../pages/admin/DistrictsPage.tsx"), "DistrictsPage"),
      },
      {
        path: "admin/users",
        lazy: page(() => import("../pages/admin/UsersPage.tsx"), "UsersPage"),
      },
      {
        path: "admin/supervision",
        lazy: page(
          () => import("../pages/admin/SupervisionSettingsPage.tsx"),
          "SupervisionSettingsPage",
        ),
      },
      { path: "admin/jobs", lazy: page(() => import("../pages/jobs/JobsPage.tsx"), "JobsPage") },
      {
        path: "settings/notifications",
        lazy: page(
          () => import("../pages/notifications/NotificationsPage.tsx"),
          "NotificationsPage",
        ),
      },
      { path: "inbox", lazy: page(() => import("../pages/inbox/InboxPage.tsx"), "InboxPage") },
      {
        path: "evaluations",
        lazy: page(() => import("../pages/evaluations/EvaluationsPage.tsx"), "EvaluationsPage"),
      },
      {
        path: "bulletins",
        lazy: page(() => import("../pages/bulletins/BulletinsPage.tsx"), "BulletinsPage"),
      },
      {
        path: "assessment",
        lazy: page(() => import("../pages/assessment/AssessmentPage.tsx"), "AssessmentPage"),
      },
      { path: "*", lazy: page(() => import("./NotFound.tsx"), "NotFound") },
    ],
  },
]);
