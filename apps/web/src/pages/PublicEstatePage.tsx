import { EnvironmentOutlined, PhoneOutlined, PrinterOutlined } from "@ant-design/icons";
import { Button, Card, Result, Skeleton, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { ApiError } from "../api/errors";
import { usePublicEstate } from "../api/places";
import { useErrorText } from "../components/feedback";
import { LanguageSwitch } from "../layout/HeaderControls";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { HotlineRow } from "./HotlineRow";

/** Where the QR code of an estate's public page is served (an SVG of this page's absolute URL). */
export function estateQrPath(publicCode: string): string {
  return `/api/public/estates/${encodeURIComponent(publicCode)}/qr.svg`;
}

/**
 * The estate's hotlines and reception address for anyone, e.g. from a QR code on a notice
 * board. Printed, it is an A4 poster for that notice board; `?poster=1`
 * shows the poster layout on screen as a preview.
 */
export function PublicEstatePage() {
  const { t } = useTranslation();
  const { publicCode } = useParams();
  const [search] = useSearchParams();
  const poster = search.get("poster") === "1";
  const errorText = useErrorText();
  const estate = usePublicEstate(publicCode);
  useDocumentTitle(estate.data?.name ?? t("publicEstate.title"));

  return (
    <div className={poster ? "public-page poster-preview" : "public-page"}>
      <div
        className="on-dark no-print"
        style={{ display: "flex", justifyContent: "flex-end", gap: 8, maxWidth: 520, margin: "0 auto 12px" }}
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
            <div className="print-only poster-kicker">{t("publicEstate.posterTitle")}</div>
            <Typography.Title level={3} style={{ marginBottom: 4 }} className="poster-estate">
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
            <div className="poster-hotlines">
              <HotlineRow label={t("publicEstate.complaintHotline")} phone={estate.data.complaintHotline} />
              <HotlineRow label={t("publicEstate.repairHotline")} phone={estate.data.repairHotline} />
            </div>
            <Typography.Title level={5} style={{ marginTop: 24 }}>
              <EnvironmentOutlined /> {t("publicEstate.receptionAddress")}
            </Typography.Title>
            <Typography.Paragraph className="poster-address">{estate.data.receptionAddress}</Typography.Paragraph>
            <div className="estate-qr">
              <img
                src={estateQrPath(estate.data.publicCode)}
                alt={t("publicEstate.qrAlt", { name: estate.data.name })}
                width={180}
                height={180}
              />
              <Typography.Text type="secondary">{t("publicEstate.qrCaption")}</Typography.Text>
            </div>
            <div className="no-print" style={{ textAlign: "center", marginTop: 16 }}>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t("publicEstate.printPoster")}
              </Button>
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
