import { ROLE_LABELS } from "@estate-desk/domain";
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMe } from "../api/session";
import { labelText, useLocale } from "../i18n";
import { visibleScreens } from "../layout/menu";
import { SCREEN_ICONS } from "../layout/screenIcons";

/** 工作台: who I am, where I work, and the screens I can open. */
export function HomePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  if (!me) return null;
  const shortcuts = visibleScreens(me).filter((screen) => screen.key !== "home");
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
        <Typography.Text type="secondary">{t("home.comingNext")}</Typography.Text>
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
      {shortcuts.length > 0 ? (
        <div>
          <Typography.Title level={5}>{t("home.shortcuts")}</Typography.Title>
          <Row gutter={[16, 16]}>
            {shortcuts.map((screen) => (
              <Col key={screen.key} xs={12} sm={8} lg={6} xl={4}>
                <Link to={screen.path}>
                  <Card hoverable size="small" className="shortcut-card" style={{ textAlign: "center" }}>
                    {SCREEN_ICONS[screen.key]}
                    <Typography.Text strong>{t(`nav.${screen.label}`)}</Typography.Text>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </div>
      ) : null}
    </Space>
  );
}
