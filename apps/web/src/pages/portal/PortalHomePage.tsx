import {
  BulbOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  HomeOutlined,
  MessageOutlined,
  ToolOutlined,
} from "@ant-design/icons";
import { RESIDENT_RELATION_LABELS } from "@estate-desk/domain";
import { Alert, Card, Empty, Skeleton, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePortalCases } from "../../api/cases";
import { ApiError } from "../../api/errors";
import { usePortalHome } from "../../api/organisation";
import { useMe } from "../../api/session";
import { useErrorText } from "../../components/feedback";
import { labelText, useLocale } from "../../i18n";
import { useDocumentTitle } from "../../layout/useDocumentTitle";
import { HotlineRow } from "../HotlineRow";
import { MyDataButton } from "../records/MyDataButton";
import { PortalCaseList } from "./PortalCaseList";

/** The resident's own page: file a case, their cases, and their units with each estate's hotlines. */
export function PortalHomePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const home = usePortalHome(me !== undefined && me !== null);
  const cases = usePortalCases(me !== undefined && me !== null);
  useDocumentTitle(t("portal.title"));

  const estatesById = new Map((home.data?.estates ?? []).map((estate) => [estate.id, estate]));
  const units = home.data?.resident.units ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={4} style={{ margin: "8px 0 0" }}>
        {t("portal.welcome", { name: me?.displayName ?? "" })}
      </Typography.Title>
      {units.length > 0 ? (
        <div className="portal-actions">
          <Link to="/portal/new/repair" className="portal-action">
            <ToolOutlined />
            <span>{t("portal.fileRepair")}</span>
          </Link>
          <Link to="/portal/new/complaint" className="portal-action">
            <MessageOutlined />
            <span>{t("portal.fileComplaint")}</span>
          </Link>
          <Link to="/portal/new/suggestion" className="portal-action">
            <BulbOutlined />
            <span>{t("portal.fileSuggestion")}</span>
          </Link>
        </div>
      ) : null}
      <Card
        title={
          <span>
            <FileTextOutlined /> {t("portal.myRequests")}
          </span>
        }
      >
        {cases.isPending ? (
          <Skeleton active />
        ) : cases.isError ? (
          <Typography.Text type="danger">{errorText(cases.error)}</Typography.Text>
        ) : (
          <PortalCaseList cases={cases.data} />
        )}
      </Card>
      <Typography.Title level={5} style={{ margin: 0 }}>
        <HomeOutlined /> {t("portal.myUnits")}
      </Typography.Title>
      {home.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : home.isError ? (
        <Alert
          type="warning"
          showIcon
          title={t("portal.unavailable")}
          // A missing route says nothing useful to a resident; other failures (network) do.
          description={home.error instanceof ApiError && home.error.status === 404 ? undefined : errorText(home.error)}
        />
      ) : units.length === 0 ? (
        <Card>
          <Empty description={t("portal.noUnits")} />
        </Card>
      ) : (
        units.map((unit) => {
          const estate = estatesById.get(unit.estateId);
          return (
            <Card
              key={unit.unitId}
              title={`${unit.estateName} ${unit.label}`}
              extra={<Tag>{labelText(RESIDENT_RELATION_LABELS[unit.relation], locale)}</Tag>}
            >
              {estate ? (
                <>
                  <HotlineRow label={t("portal.complaintHotline")} phone={estate.complaintHotline} />
                  <HotlineRow label={t("portal.repairHotline")} phone={estate.repairHotline} />
                  <div style={{ paddingTop: 12 }}>
                    <Typography.Text type="secondary">
                      <EnvironmentOutlined /> {t("portal.receptionAddress")}
                    </Typography.Text>
                    <div style={{ fontSize: 15 }}>{estate.receptionAddress}</div>
                  </div>
                </>
              ) : null}
            </Card>
          );
        })
      )}
      <MyDataButton />
    </Space>
  );
}
