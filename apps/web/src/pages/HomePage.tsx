import { ROLE_LABELS } from "@estate-desk/domain";
import { Badge, Card, Col, Descriptions, Row, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useIntakeQueue } from "../api/cases";
import { useComplaintQueue } from "../api/complaints";
import { useMe } from "../api/session";
import { can } from "../auth/permissions";
import { labelText, useLocale } from "../i18n";
import { buildStaffMenu, canOpenScreen, isMenuGroup, SCREENS, type Screen, type ScreenKey } from "../layout/menu";
import { SCREEN_ICONS } from "../layout/screenIcons";
import { useNow } from "../pages/complaints/DeadlineTag";
import { overdueCount } from "../pages/complaints/queues";

/** 工作台: who I am, where I work, and the screens I can open, case work first. */
export function HomePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  // Customer service sees at a glance how many forwarded cases wait for them.
  const queue = useIntakeQueue(can(me, "cases.create"));
  // Department heads see what waits in their inbox, staff what is theirs; customer service what is overdue.
  const head = me?.roles.includes("dept_head") ?? false;
  const inbox = useComplaintQueue(head ? "department" : "mine", me ? canOpenScreen(me, SCREENS.inbox) : false);
  const tracking = useComplaintQueue("tracking", me ? canOpenScreen(me, SCREENS.tracking) : false);
  const now = useNow(60_000);
  if (!me) return null;
  const groups = buildStaffMenu(me).filter(isMenuGroup);
  const waiting = queue.items.length;
  const inboxCount = inbox.data?.length ?? 0;
  const overdue = overdueCount(tracking.data ?? [], now);
  const badges: Partial<Record<ScreenKey, { text: string; colour: string }>> = {
    ...(waiting > 0 ? { intake: { text: t("home.waitingIntake", { count: waiting }), colour: "#faad14" } } : {}),
    ...(inboxCount > 0 ? { inbox: { text: t("home.inboxWaiting", { count: inboxCount }), colour: "#1677ff" } } : {}),
    ...(overdue > 0 ? { tracking: { text: t("home.trackingOverdue", { count: overdue }), colour: "#ff4d4f" } } : {}),
  };
  const linkOf = (screen: Screen) => {
    if (screen.key === "intake" && waiting > 0) return "/intake?tab=queue";
    if (screen.key === "tracking" && overdue > 0) return "/complaints/tracking?overdue=1";
    return screen.path;
  };
  const shortcut = (screen: Screen) => {
    const badge = badges[screen.key];
    return (
      <Col key={screen.key} xs={12} sm={8} lg={6} xl={4}>
        <Link to={linkOf(screen)} className="shortcut-link">
          <Card hoverable size="small" className="shortcut-card" style={{ textAlign: "center", height: "100%" }}>
            {SCREEN_ICONS[screen.key]}
            <Typography.Text strong>{t(`nav.${screen.label}`)}</Typography.Text>
            {badge ? (
              <div>
                <Badge count={badge.text} style={{ backgroundColor: badge.colour }} />
              </div>
            ) : null}
          </Card>
        </Link>
      </Col>
    );
  };
  const scope = me.allEstates
    ? t("home.allEstates")
    : me.estateIds.length === 0
      ? t("home.noEstates")
      : t("home.estateCount", { count: me.estateIds.length });

  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t("home.welcome", { name: me.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">{t("home.subtitle")}</Typography.Text>
      </div>
      <Card>
        <Descriptions
          column={{ xs: 1, md: 3 }}
          items={[
            { key: "org", label: t("home.organisation"), children: me.orgName },
            {
              key: "roles",
              label: t("home.roles"),
              children: (
                <Space size={[4, 4]} wrap>
                  {me.roles.map((role) => (
                    <Tag key={role} color="blue">
                      {labelText(ROLE_LABELS[role], locale)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { key: "scope", label: t("home.scope"), children: scope },
          ]}
        />
      </Card>
      {groups.map((group) => (
        <div key={group.key}>
          <Typography.Title level={5}>{t(`nav.${group.label}`)}</Typography.Title>
          <Row gutter={[16, 16]}>{group.children.map(shortcut)}</Row>
        </div>
      ))}
    </Space>
  );
}
