import { MenuOutlined } from "@ant-design/icons";
import { Button, Layout, Menu, type MenuProps } from "antd";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Outlet, useLocation } from "react-router";
import { useMe } from "../api/session";
import { PageLoading } from "../components/PageLoading";
import { ForbiddenResult } from "../components/Results";
import { LanguageSwitch, UserMenu } from "./HeaderControls";
import { HomeIcon } from "./HomeIcon";
import { LazyNotificationBell as NotificationBell } from "./LazyNotificationBell";
import { buildStaffMenu, isMenuGroup, SCREENS, selectedScreenKey } from "./menu";
import { SCREEN_ICONS as ICONS } from "./screenIcons";
import { useDocumentTitle } from "./useDocumentTitle";

/** The staff shell: side menu by permission, header with organisation, language and user. */
export function StaffLayout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [narrow, setNarrow] = useState(false);
  const selected = selectedScreenKey(location.pathname);
  useDocumentTitle(selected ? t(`nav.${SCREENS[selected].label}`) : null);

  if (!me) return null;
  if (me.kind === "resident") {
    // Residents have their own portal; every staff screen is closed to them.
    if (location.pathname === "/") return <Navigate to="/portal" replace />;
    if (location.pathname === "/account") return <Navigate to="/portal/account" replace />;
    return <ForbiddenResult homePath="/portal" />;
  }

  const items: MenuProps["items"] = buildStaffMenu(me).map((node) =>
    isMenuGroup(node)
      ? {
          key: node.key,
          type: "group" as const,
          label: t(`nav.${node.label}`),
          children: node.children.map((screen) => ({
            key: screen.key,
            icon: ICONS[screen.key],
            label: <Link to={screen.path}>{t(`nav.${screen.label}`)}</Link>,
          })),
        }
      : { key: node.key, icon: ICONS[node.key], label: <Link to={node.path}>{t(`nav.${node.label}`)}</Link> },
  );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 80}
        collapsible
        // On a phone the menu floats over the page, opened from the header, instead of squeezing it.
        trigger={narrow ? null : undefined}
        style={narrow ? { position: "fixed", height: "100vh", zIndex: 100, left: 0, top: 0 } : undefined}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        width={208}
      >
        <div className="app-brand">
          <HomeIcon />
          {collapsed ? null : <span>{t("app.name")}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected ? [selected] : []}
          onClick={() => {
            if (narrow) setCollapsed(true);
          }}
        />
      </Layout.Sider>
      {narrow && !collapsed ? (
        <button
          type="button"
          className="menu-backdrop"
          aria-label={t("common.close")}
          tabIndex={-1}
          onClick={() => setCollapsed(true)}
        />
      ) : null}
      <Layout>
        <Layout.Header className="app-header">
          {narrow ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t("nav.openMenu")}
              aria-expanded={!collapsed}
              onClick={() => setCollapsed((value) => !value)}
            />
          ) : null}
          <div className="app-header-title">{me.orgName}</div>
          <NotificationBell />
          <LanguageSwitch variant="borderless" />
          <UserMenu accountPath="/account" />
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
