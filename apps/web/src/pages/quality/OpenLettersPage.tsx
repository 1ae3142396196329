import type { OpenLetterListItem } from "@estate-desk/domain";
import { Button, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useOpenLetters } from "../../api/quality";
import { useHasRole, useWhen } from "./shared";

/** 公开信: the open letters of the callback archive, with their estates and links. */
export function OpenLettersPage() {
  const { t } = useTranslation();
  const letters = useOpenLetters();
  const when = useWhen();
  const navigate = useNavigate();
  const writes = useHasRole("cs_head", "cs_agent");
  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("quality.letters.title")}
        </Typography.Title>
        <span className="page-toolbar-spacer" />
        {writes ? (
          <Button type="primary" onClick={() => navigate("/quality/letters/new")}>
            {t("quality.letters.new")}
          </Button>
        ) : null}
      </div>
      <Typography.Paragraph type="secondary">{t("quality.letters.intro")}</Typography.Paragraph>
      <Table<OpenLetterListItem>
        rowKey="id"
        loading={letters.isLoading}
        dataSource={letters.data ?? []}
        locale={{ emptyText: t("quality.letters.empty") }}
        columns={[
          {
            title: t("quality.letters.letterTitle"),
            dataIndex: "title",
            render: (title: string, row) => <Link to={`/quality/letters/${row.id}`}>{title}</Link>,
          },
          {
            title: t("common.status"),
            dataIndex: "status",
            render: (status: OpenLetterListItem["status"]) => (
              <Tag color={status === "published" ? "green" : "default"}>{t(`quality.letters.status.${status}`)}</Tag>
            ),
          },
          {
            title: t("quality.letters.estates"),
            dataIndex: "estateNames",
            render: (names: string[]) => names.join("、"),
          },
          {
            title: t("quality.letters.topic"),
            dataIndex: "topicTitle",
            render: (value: string | null, row) =>
              row.topicId ? <Link to={`/quality/topics/${row.topicId}`}>{value}</Link> : null,
          },
          { title: t("quality.letters.caseCount"), dataIndex: "caseCount" },
          { title: t("quality.letters.publishedAt"), dataIndex: "publishedAt", render: (v: string | null) => when(v) },
        ]}
      />
    </>
  );
}
