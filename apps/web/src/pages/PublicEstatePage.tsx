import { EnvironmentOutlined, PhoneOutlined } from "@ant-design/icons";
import { Button, Card, Result, Skeleton, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ApiError } from "../api/errors";
import { usePublicEstate } from "../api/places";
import { useErrorText } from "../components/feedback";
import { LanguageSwitch } from "../layout/HeaderControls";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { HotlineRow } from "./HotlineRow";

/** The estate's hotlines and reception address for anyone, e.g. from a QR code on a notice board. */
export function PublicEstatePage() {
  const { t } = useTranslation();
  const { publicCode } = useParams();
  const errorText = useErrorText();
  const estate = usePublicEstate(publicCode);
  useDocumentTitle(estate.data?.name ?? t("publicEstate.title"));

  return (
    <div className="public-page">
      <div
        className="on-dark"
        style={{ display: "flex", justifyContent: "flex-end", maxWidth: 520, margin: "0 auto 12px" }}
      >
        <LanguageSwitch variant="borderless" />
      </div>
      <Card className="public-card">
        {estate.isPending ? (
          <Skeleton active />
        ) : estate.isError ? (
          estate.error instanceof ApiError && estate.error.status === 404 ? (
            <Result status="404" title={t("publicEstate.notFound")} subTitle={t("publicEstate.notFoundHint")} />
          ) : (
            <Result
              status="warning"
              title={t("errors.loadFailed")}
              subTitle={errorText(estate.error)}
              extra={<Button onClick={() => void estate.refetch()}>{t("common.retry")}</Button>}
            />
          )
        ) : (
          <>
            <Typography.Title level={3} style={{ marginBottom: 4 }}>
              {estate.data.name}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t("publicEstate.managedBy", { name: estate.data.organisationName })}
            </Typography.Text>
            {estate.data.address ? (
              <div style={{ marginTop: 4 }}>
                <Typography.Text type="secondary">
                  {t("publicEstate.address")}: {estate.data.address}
                </Typography.Text>
              </div>
            ) : null}
            <Typography.Title level={5} style={{ marginTop: 24 }}>
              <PhoneOutlined /> {t("publicEstate.title")}
            </Typography.Title>
            <HotlineRow label={t("publicEstate.complaintHotline")} phone={estate.data.complaintHotline} />
            <HotlineRow label={t("publicEstate.repairHotline")} phone={estate.data.repairHotline} />
            <Typography.Title level={5} style={{ marginTop: 24 }}>
              <EnvironmentOutlined /> {t("publicEstate.receptionAddress")}
            </Typography.Title>
            <Typography.Paragraph style={{ fontSize: 16 }}>{estate.data.receptionAddress}</Typography.Paragraph>
          </>
        )}
      </Card>
    </div>
  );
}
