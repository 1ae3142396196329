import { ROLE_LABELS } from "@estate-desk/domain";
import { Badge, Card, Col, Descriptions, Row, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useIntakeQueue } from "../api/cases";
import { useMe } from "../api/session";
import { can } from "../auth/permissions";
import { labelText, useLocale } from "../i18n";
import { buildStaffMenu, isMenuGroup, type Screen } from "../layout/menu";
import { SCREEN_ICONS } from "../layout/screenIcons";

/** 工作台: who I am, where I work, and the screens I can open, case work first. */
export function HomePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  // Customer service sees at a glance how many forwarded cases wait for them.
  const queue = useIntakeQueue(can(me, "cases.create"));
  if (!me) return null;
  const groups = buildStaffMenu(me).filter(isMenuGroup);
  const waiting = queue.items.length;
  const shortcut = (screen: Screen) => (
    <Col key={screen.key} xs={12} sm={8} lg={6} xl={4}>
      <Link to={screen.key === "intake" && waiting > 0 ? "/intake?tab=queue" : screen.path} className="shortcut-link">
        <Card hoverable size="small" className="shortcut-card" style={{ textAlign: "center", height: "100%" }}>
          {SCREEN_ICONS[screen.key]}
          <Typography.Text strong>{t(`nav.${screen.label}`)}</Typography.Text>
          {screen.key === "intake" && waiting > 0 ? (
            <div>
              <Badge count={t("home.waitingIntake", { count: waiting })} style={{ backgroundColor: "#faad14" }} />
            </div>
          ) : null}
        </Card>
      </Link>
    </Col>
  );
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
