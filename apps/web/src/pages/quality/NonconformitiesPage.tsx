import type { NonconformityListItem } from "@estate-desk/domain";
import { Button, Form, Input, Modal, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { apiPost } from "../../api/client";
import { useNonconformities } from "../../api/quality";
import { useFeedback } from "../../components/feedback";
import { NonconformityStatusTag, useHasRole, useWhen } from "./shared";

/**
 * 不合格项: candidates for the customer-service head to decide on, and
 * open nonconformities with their responsible party and deadline. Responsible people and
 * departments see the ones they must fix.
 */
export function NonconformitiesPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<"active" | "all">("active");
  const list = useNonconformities(view);
  const when = useWhen();
  const navigate = useNavigate();
  const isHead = useHasRole("cs_head");
  const [creating, setCreating] = useState(false);
  const { success, failure } = useFeedback();
  const [form] = Form.useForm<{ description: string }>();

  const create = async () => {
    const values = await form.validateFields();
    try {
      const created = await apiPost<{ id: string }>("/api/nonconformities", values);
      success(t("quality.nc.created"));
      setCreating(false);
      navigate(`/quality/nonconformities/${created.id}`);
    } catch (error) {
      failure(error);
    }
  };

  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("quality.nc.title")}
        </Typography.Title>
        <span className="page-toolbar-spacer" />
        <Segmented
          value={view}
          onChange={(value) => setView(value as "active" | "all")}
          options={[
            { value: "active", label: t("quality.nc.viewActive") },
            { value: "all", label: t("quality.nc.viewAll") },
          ]}
        />
        {isHead ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t("quality.nc.create")}
          </Button>
        ) : null}
      </div>
      <Typography.Paragraph type="secondary">{t("quality.nc.intro")}</Typography.Paragraph>
      <Table<NonconformityListItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(row) => ({
          onClick: () => navigate(`/quality/nonconformities/${row.id}`),
          style: { cursor: "pointer" },
        })}
        columns={[
          {
            title: t("quality.nc.number"),
            dataIndex: "number",
            render: (number: string | null, row) => (
              <Link to={`/quality/nonconformities/${row.id}`}>{number ?? t("quality.nc.candidate")}</Link>
            ),
          },
          {
            title: t("common.status"),
            dataIndex: "status",
            render: (_value, row) => (
              <Space size={4} wrap>
                <NonconformityStatusTag status={row.status} />
                {row.overdue ? <Tag color="red">{t("quality.nc.overdue")}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t("quality.nc.source"),
            dataIndex: "source",
            render: (source: string) => t(`quality.ncSource.${source}` as "quality.ncSource.manual"),
          },
          { title: t("quality.nc.description"), dataIndex: "description", ellipsis: true },
          {
            title: t("quality.nc.case"),
            dataIndex: "caseNumber",
            render: (number: string | null, row) =>
              row.caseId ? <Link to={`/cases/${row.caseId}`}>{number}</Link> : (row.topicTitle ?? ""),
          },
          {
            title: t("quality.nc.responsible"),
            render: (_value, row) =>
              [row.responsibleUserName, row.responsibleDepartmentName].filter(Boolean).join(" / "),
          },
          { title: t("quality.nc.due"), dataIndex: "dueAt", render: (value: string | null) => when(value) },
          { title: t("quality.nc.foundAt"), dataIndex: "createdAt", render: (value: string) => when(value) },
        ]}
      />
      <Modal
        open={creating}
        title={t("quality.nc.create")}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        okText={t("common.save")}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="description"
            label={t("quality.nc.description")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
