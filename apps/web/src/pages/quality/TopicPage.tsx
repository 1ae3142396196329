import { Button, Card, Descriptions, Input, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useAnswerTopic, useNotifyTopic, useTopic } from "../../api/quality";
import { useFeedback } from "../../components/feedback";
import { PageLoading } from "../../components/PageLoading";
import { QueryErrorText } from "../../components/QueryErrorText";
import { useHasRole, useWhen } from "./shared";

/**
 * A suggestion topic: one problem recorded once, with every opinion that raised it,
 * whom it was sent to, its answer and the open letters written about it.
 */
export function TopicPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const topic = useTopic(id);
  const notify = useNotifyTopic(id ?? "");
  const answer = useAnswerTopic(id ?? "");
  const when = useWhen();
  const { success, failure } = useFeedback();
  const [draft, setDraft] = useState<string | null>(null);
  const isCustomerService = useHasRole("cs_head", "cs_agent");

  if (topic.isLoading) return <PageLoading />;
  if (!topic.data) return <QueryErrorText query={topic} />;
  const data = topic.data;

  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {data.title}
        </Typography.Title>
        <Tag>{t(`quality.classification.${data.classification}`)}</Tag>
        <Tag color={data.status === "open" ? "gold" : "green"}>{t(`quality.topic.status.${data.status}`)}</Tag>
        <span className="page-toolbar-spacer" />
        {isCustomerService ? (
          <Space>
            <Button
              type={data.status === "open" ? "primary" : "default"}
              loading={notify.isPending}
              onClick={() =>
                notify.mutate(undefined, {
                  onSuccess: () => success(t("quality.topic.notified")),
                  onError: failure,
                })
              }
            >
              {t("quality.topic.notify")}
            </Button>
            <Link to={`/quality/letters/new?topicId=${data.id}`}>
              <Button>{t("quality.topic.writeLetter")}</Button>
            </Link>
          </Space>
        ) : null}
      </div>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("quality.topic.weekOf")}>{data.weekStart}</Descriptions.Item>
          <Descriptions.Item label={t("quality.report.estate")}>{data.estateName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("quality.suggestions.department")}>
            {data.departmentName ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("quality.suggestions.handler")}>{data.handlerName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("quality.topic.notifiedAt")}>{when(data.notifiedAt) || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("quality.topic.answeredAt")}>{when(data.answeredAt) || "—"}</Descriptions.Item>
          {data.description ? (
            <Descriptions.Item label={t("quality.suggestions.description")} span={2}>
              {data.description}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card title={t("quality.topic.sources", { count: data.cases.length })} style={{ marginTop: 16 }}>
        <List
          dataSource={data.cases}
          renderItem={(source) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Link to={`/cases/${source.caseId}`}>{source.number}</Link>
                    <Typography.Text type="secondary">
                      {[source.estateName, source.fromName, when(source.receivedAt)].filter(Boolean).join(" · ")}
                    </Typography.Text>
                  </Space>
                }
                description={source.content}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card title={t("quality.topic.answer")} style={{ marginTop: 16 }}>
        {draft === null ? (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{data.answer ?? "—"}</Typography.Paragraph>
            <Button onClick={() => setDraft(data.answer ?? "")}>{t("common.edit")}</Button>
          </Space>
        ) : (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Input.TextArea
              rows={4}
              value={draft}
              maxLength={8000}
              onChange={(event) => setDraft(event.target.value)}
            />
            <Space>
              <Button
                type="primary"
                loading={answer.isPending}
                disabled={draft.trim() === ""}
                onClick={() =>
                  answer.mutate(draft.trim(), {
                    onSuccess: () => {
                      success(t("common.saved"));
                      setDraft(null);
                    },
                    onError: failure,
                  })
                }
              >
                {t("quality.topic.answerSave")}
              </Button>
              <Button onClick={() => setDraft(null)}>{t("common.cancel")}</Button>
            </Space>
          </Space>
        )}
      </Card>
      {data.letters.length > 0 ? (
        <Card title={t("quality.topic.letters")} style={{ marginTop: 16 }}>
          <List
            dataSource={data.letters}
            renderItem={(letter) => (
              <List.Item>
                <Link to={`/quality/letters/${letter.id}`}>{letter.title}</Link>
                <Tag>{t(`quality.letters.status.${letter.status}`)}</Tag>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
    </>
  );
}
