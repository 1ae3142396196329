import { ArrowLeftOutlined } from "@ant-design/icons";
import { Card, Descriptions, Empty, Result, Skeleton, Space, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { usePortalCase } from "../../api/cases";
import { ApiError } from "../../api/errors";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { CasePhotos } from "../../components/CasePhotos";
import { KindTag, StatusTag } from "../../components/CaseTags";
import { useErrorText } from "../../components/feedback";
import { LoadErrorResult } from "../../components/Results";
import { useLocale } from "../../i18n";
import { useDocumentTitle } from "../../layout/useDocumentTitle";
import { residentEventKey } from "../cases/caseEvents";
import { PortalWorkOrderCard } from "../repairs/PortalWorkOrderCard";

/** A resident's own case: where it stands, what they wrote, their photos and the centre's replies. */
export function PortalCasePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const locale = useLocale();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const item = usePortalCase(id);
  useDocumentTitle(item.data?.number ?? t("portalCase.title"));

  const back = (
    <Link to="/portal" aria-label={t("common.back")}>
      <ArrowLeftOutlined />
    </Link>
  );
  if (item.isPending) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  if (item.isError) {
    return item.error instanceof ApiError && item.error.status === 404 ? (
      <Result
        status="404"
        title={t("portalCase.notFound")}
        extra={<Link to="/portal">{t("portalCase.backHome")}</Link>}
      />
    ) : (
      <LoadErrorResult message={errorText(item.error)} onRetry={() => void item.refetch()} />
    );
  }
  const data = item.data;
  const steps = data.events
    .map((event) => ({ event, key: residentEventKey(event.type) }))
    .filter((step) => step.key !== null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <div className="portal-page-title">
        {back}
        <Typography.Title level={4} style={{ margin: 0 }} className="case-number">
          {data.number}
        </Typography.Title>
      </div>
      <Card>
        <Space size={[4, 4]} wrap style={{ marginBottom: 12 }}>
          <KindTag kind={data.kind} />
          <StatusTag status={data.status} />
        </Space>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: "receivedAt",
              label: t("portalCase.receivedAt"),
              children: formatDateTime(data.receivedAt, locale, timeZone),
            },
            { key: "place", label: t("portalCase.unit"), children: `${data.estateName} ${data.unitLabel ?? ""}` },
            { key: "category", label: t("portalCase.category"), children: data.categoryName ?? "—" },
          ]}
        />
        <Typography.Paragraph className="case-content" style={{ marginTop: 12 }}>
          {data.content}
        </Typography.Paragraph>
        <CasePhotos photos={data.photos} />
      </Card>
      {/* A repair's progress and the resident's evaluation come from its dispatch order. */}
      {data.workOrderId ? <PortalWorkOrderCard workOrderId={data.workOrderId} /> : null}
      <Card title={t("portalCase.replies")}>
        {data.replies.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("portalCase.noReplies")} />
        ) : (
          <ul className="comment-list">
            {data.replies.map((reply) => (
              <li key={reply.id}>
                <div>
                  <Typography.Text strong>{reply.authorName}</Typography.Text>{" "}
                  <Typography.Text type="secondary">
                    {formatDateTime(reply.createdAt, locale, timeZone)}
                  </Typography.Text>
                </div>
                <div className="comment-body">{reply.body}</div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {steps.length > 0 ? (
        <Card title={t("portalCase.progress")}>
          <Timeline
            items={steps.map(({ event, key }, index) => ({
              key: `${event.type}-${index}`,
              content: (
                <div>
                  <div>{key ? t(key) : null}</div>
                  <Typography.Text type="secondary">{formatDateTime(event.at, locale, timeZone)}</Typography.Text>
                </div>
              ),
            }))}
          />
        </Card>
      ) : null}
    </Space>
  );
}
