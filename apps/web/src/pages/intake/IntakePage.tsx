import { Badge, Card, Col, Row, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useIntakeQueue } from "../../api/cases";
import { ReceptionPrinciples } from "../../components/ReceptionPrinciples";
import { IntakeCallForm } from "./IntakeCallForm";
import { IntakeQueue } from "./IntakeQueue";

type IntakeTab = "call" | "queue";

/** 来电登记: the phone intake form and, on a second tab, the queue of forwarded cases to complete. */
export function IntakePage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab: IntakeTab = search.get("tab") === "queue" ? "queue" : "call";
  const queue = useIntakeQueue();
  const waiting = queue.items.length;

  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("intake.title")}
        </Typography.Title>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Tabs
            activeKey={tab}
            onChange={(key) => setSearch(key === "queue" ? { tab: "queue" } : {}, { replace: true })}
            items={[
              { key: "call", label: t("intake.tabs.call"), children: <IntakeCallForm /> },
              {
                key: "queue",
                label: (
                  <span>
                    {t("intake.tabs.queue")}{" "}
                    <Badge
                      count={queue.hasNextPage ? `${waiting}+` : waiting}
                      showZero={false}
                      aria-label={t("intake.queue.count", { count: waiting })}
                    />
                  </span>
                ),
                children: <IntakeQueue />,
              },
            ]}
          />
        </Col>
        {/* On narrow screens the principles come first, so they stay in view above the form. */}
        <Col xs={{ span: 24, order: -1 }} xl={{ span: 7, order: 0 }}>
          <div className="intake-aside">
            <ReceptionPrinciples />
            <Card size="small" title={t("intake.shortcuts.title")} className="intake-shortcuts">
              <dl className="shortcut-list">
                <dt>
                  <kbd className="shortcut-key">Alt+L</kbd>
                </dt>
                <dd>{t("intake.shortcuts.lookup")}</dd>
                <dt>
                  <kbd className="shortcut-key">↓ ↑</kbd>
                </dt>
                <dd>{t("intake.shortcuts.results")}</dd>
                <dt>
                  <kbd className="shortcut-key">Alt+T / B / J</kbd>
                </dt>
                <dd>{t("intake.shortcuts.kind")}</dd>
                <dt>
                  <kbd className="shortcut-key">Ctrl+Enter</kbd>
                </dt>
                <dd>{t("intake.shortcuts.save")}</dd>
              </dl>
            </Card>
          </div>
        </Col>
      </Row>
    </>
  );
}
