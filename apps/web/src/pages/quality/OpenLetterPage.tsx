import { Button, Checkbox, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useOpenLetter, usePublishOpenLetter, useWithdrawOpenLetter } from "../../api/quality";
import { useFeedback } from "../../components/feedback";
import { PageLoading } from "../../components/PageLoading";
import { QueryErrorText } from "../../components/QueryErrorText";
import { LetterNotice } from "./LetterNotice";
import { useHasRole, useWhen } from "./shared";

/** An open letter as the printable notice, with publishing and the links it is filed under. */
export function OpenLetterPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const letter = useOpenLetter(id);
  const publish = usePublishOpenLetter(id ?? "");
  const withdraw = useWithdrawOpenLetter(id ?? "");
  const when = useWhen();
  const writes = useHasRole("cs_head", "cs_agent");
  const { success, failure } = useFeedback();
  const [publishing, setPublishing] = useState(false);
  const [answerCallbacks, setAnswerCallbacks] = useState(true);

  if (letter.isLoading) return <PageLoading />;
  if (!letter.data) return <QueryErrorText query={letter} />;
  const data = letter.data;

  return (
    <>
      <div className="page-toolbar no-print">
        <Link to="/quality/letters">{t("common.back")}</Link>
        <Tag color={data.status === "published" ? "green" : "default"}>
          {t(`quality.letters.status.${data.status}`)}
        </Tag>
        {data.answeredCallbacks > 0 ? (
          <Tag>{t("quality.letters.answered", { count: data.answeredCallbacks })}</Tag>
        ) : null}
        <span className="page-toolbar-spacer" />
        <Space wrap>
          {writes && data.status === "draft" ? (
            <Button type="primary" onClick={() => setPublishing(true)}>
              {t("quality.letters.publish")}
            </Button>
          ) : null}
          {writes && data.status === "published" ? (
            <Button
              onClick={() =>
                withdraw.mutate(undefined, {
                  onSuccess: () => success(t("quality.letters.withdrawn")),
                  onError: failure,
                })
              }
            >
              {t("quality.letters.withdraw")}
            </Button>
          ) : null}
          <Button onClick={() => window.print()}>{t("quality.letters.print")}</Button>
        </Space>
      </div>
      <LetterNotice
        title={data.title}
        bodyHtml={data.bodyHtml}
        organisationName={data.organisationName}
        date={when(data.publishedAt ?? data.createdAt)}
      />
      <div className="no-print" style={{ marginTop: 16 }}>
        <Typography.Paragraph>
          {t("quality.letters.estates")}: {data.estateNames.join("、")}
        </Typography.Paragraph>
        {data.topicId ? (
          <Typography.Paragraph>
            {t("quality.letters.topic")}: <Link to={`/quality/topics/${data.topicId}`}>{data.topicTitle}</Link>
          </Typography.Paragraph>
        ) : null}
        {data.cases.length > 0 ? (
          <Typography.Paragraph>
            {t("quality.letters.cases")}:{" "}
            {data.cases.map((c) => (
              <Link key={c.caseId} to={`/cases/${c.caseId}`} style={{ marginRight: 8 }}>
                {c.number}
              </Link>
            ))}
          </Typography.Paragraph>
        ) : null}
      </div>
      <Modal
        open={publishing}
        title={t("quality.letters.publish")}
        onCancel={() => setPublishing(false)}
        confirmLoading={publish.isPending}
        onOk={() =>
          publish.mutate(answerCallbacks, {
            onSuccess: () => {
              success(t("quality.letters.published"));
              setPublishing(false);
            },
            onError: failure,
          })
        }
      >
        <Typography.Paragraph>{data.estateNames.join("、")}</Typography.Paragraph>
        <Checkbox checked={answerCallbacks} onChange={(event) => setAnswerCallbacks(event.target.checked)}>
          {t("quality.letters.answerCallbacks")}
        </Checkbox>
      </Modal>
    </>
  );
}
