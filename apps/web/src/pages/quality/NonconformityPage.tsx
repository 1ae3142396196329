import type { NonconformityAction, NonconformityActionInput } from "@estate-desk/domain";
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useDepartments } from "../../api/catalog";
import { useNonconformity, useNonconformityAction } from "../../api/quality";
import { useFeedback } from "../../components/feedback";
import { PageLoading } from "../../components/PageLoading";
import { QueryErrorText } from "../../components/QueryErrorText";
import { useActiveStaff } from "./pickers";
import { NonconformityStatusTag, useWhen } from "./shared";

/** The steps whose note is required by the server. */
const COMMENT_REQUIRED: ReadonlySet<NonconformityAction> = new Set(["dismiss", "record_fix", "propose_unreasonable"]);

interface ActionForm {
  responsibleUserId?: string;
  responsibleDepartmentId?: string;
  dueInWorkingHours?: number;
  comment?: string;
  callerId?: string;
  method?: "on_site" | "phone" | "letter";
}

/**
 * One nonconformity: what was found, who fixes it by when, the fix, the callbacks
 * after it, and the steps the user may take now (the server lists them).
 */
export function NonconformityPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const query = useNonconformity(id);
  const act = useNonconformityAction(id ?? "");
  const when = useWhen();
  const { success, failure } = useFeedback();
  const [action, setAction] = useState<NonconformityAction | null>(null);
  const [form] = Form.useForm<ActionForm>();
  const staff = useActiveStaff(action === "confirm" || action === "record_fix");
  const departments = useDepartments("true");

  if (query.isLoading) return <PageLoading />;
  if (query.isError || !query.data) return <QueryErrorText query={query} />;
  const nc = query.data;

  const submit = async () => {
    if (!action) return;
    const values = await form.validateFields();
    const input: NonconformityActionInput = { action };
    if (values.comment?.trim()) input.comment = values.comment.trim();
    if (action === "confirm") {
      if (values.responsibleUserId) input.responsibleUserId = values.responsibleUserId;
      if (values.responsibleDepartmentId) input.responsibleDepartmentId = values.responsibleDepartmentId;
      if (values.dueInWorkingHours) input.dueInWorkingHours = values.dueInWorkingHours;
    }
    if (action === "record_fix") {
      if (values.callerId) input.callerId = values.callerId;
      if (values.method) input.method = values.method;
    }
    try {
      await act.mutateAsync(input);
      success(t("quality.nc.done"));
      setAction(null);
    } catch (error) {
      failure(error);
    }
  };

  const staffOptions = (staff.data ?? []).map((user) => ({ value: user.id, label: user.displayName }));
  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {nc.number ? t("quality.nc.detailTitle", { number: nc.number }) : t("quality.nc.candidateTitle")}
        </Typography.Title>
        <NonconformityStatusTag status={nc.status} />
        {nc.overdue ? <Tag color="red">{t("quality.nc.overdue")}</Tag> : null}
        {nc.escalationLevel > 0 ? (
          <Tag color="volcano">{t("quality.nc.level", { level: nc.escalationLevel })}</Tag>
        ) : null}
        <span className="page-toolbar-spacer" />
        <Space wrap>
          {nc.availableActions.map((candidate) => (
            <Button
              key={candidate}
              type={
                candidate === "confirm" || candidate === "record_fix" || candidate === "sign_off"
                  ? "primary"
                  : "default"
              }
              onClick={() => {
                form.resetFields();
                setAction(candidate);
              }}
            >
              {t(`quality.ncAction.${candidate}`)}
            </Button>
          ))}
          {nc.status !== "candidate" && nc.status !== "dismissed" ? (
            <Link to={`/quality/nonconformities/${nc.id}/report`}>
              <Button>{t("quality.nc.report")}</Button>
            </Link>
          ) : null}
        </Space>
      </div>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("quality.nc.description")} span={2}>
            {nc.description}
          </Descriptions.Item>
          <Descriptions.Item label={t("quality.nc.source")}>{t(`quality.ncSource.${nc.source}`)}</Descriptions.Item>
          <Descriptions.Item label={t("quality.nc.foundAt")}>{when(nc.createdAt)}</Descriptions.Item>
          {nc.caseId ? (
            <Descriptions.Item label={t("quality.nc.case")}>
              <Link to={`/cases/${nc.caseId}`}>{nc.caseNumber}</Link>
            </Descriptions.Item>
          ) : null}
          {nc.topicId ? (
            <Descriptions.Item label={t("quality.nc.topic")}>
              <Link to={`/quality/topics/${nc.topicId}`}>{nc.topicTitle}</Link>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t("quality.nc.responsibleUser")}>{nc.responsibleUserName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("quality.nc.responsibleDepartment")}>
            {nc.responsibleDepartmentName ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("quality.nc.due")}>{when(nc.dueAt) || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("quality.nc.confirmedBy")}>
            {nc.confirmedByName ? `${nc.confirmedByName} ${when(nc.confirmedAt)}` : "—"}
          </Descriptions.Item>
          {nc.fixDescription ? (
            <>
              <Descriptions.Item label={t("quality.nc.fix")} span={2}>
                {nc.fixDescription}
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.nc.fixedBy")}>
                {nc.fixedByName} {when(nc.fixedAt)}
              </Descriptions.Item>
            </>
          ) : null}
          {nc.closeReason ? (
            <Descriptions.Item label={t("quality.nc.closeReason")}>
              {t(`quality.ncCloseReason.${nc.closeReason}`)}
            </Descriptions.Item>
          ) : null}
          {nc.closeNote ? (
            <Descriptions.Item label={t("quality.nc.closeNote")}>{nc.closeNote}</Descriptions.Item>
          ) : null}
          {nc.closedAt ? (
            <Descriptions.Item label={t("quality.nc.closedAt")}>{when(nc.closedAt)}</Descriptions.Item>
          ) : null}
          {nc.signedOffByName ? (
            <Descriptions.Item label={t("quality.nc.signedOffBy")}>
              {nc.signedOffByName} {when(nc.signedOffAt)}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card title={t("quality.nc.callbacks")} style={{ marginTop: 16 }}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={nc.callbacks}
          locale={{ emptyText: t("quality.nc.noCallbacks") }}
          columns={[
            {
              title: "#",
              dataIndex: "sequence",
              render: (value: number) => t("quality.nc.sequence", { sequence: value }),
            },
            {
              title: t("quality.nc.method"),
              dataIndex: "method",
              render: (value: "phone") => t(`quality.callbackMethod.${value}`),
            },
            { title: t("quality.nc.caller"), render: (_v, row) => row.performedByName ?? row.assignedToName ?? "" },
            {
              title: t("quality.inspections.performedAt"),
              dataIndex: "performedAt",
              render: (value: string | null) => when(value),
            },
            {
              title: t("quality.inspections.satisfaction"),
              dataIndex: "satisfaction",
              render: (value: "satisfied" | null) => (value ? t(`quality.satisfaction.${value}`) : ""),
            },
            { title: t("quality.inspections.opinion"), dataIndex: "opinion" },
          ]}
        />
      </Card>
      <Modal
        open={action !== null}
        title={action ? t(`quality.ncAction.${action}`) : ""}
        onCancel={() => setAction(null)}
        onOk={() => void submit()}
        confirmLoading={act.isPending}
        okText={t("common.confirm")}
        destroyOnHidden
      >
        {action === "propose_unreasonable" ? (
          <Alert type="info" showIcon title={t("quality.ncCloseReason.unreasonable")} />
        ) : null}
        <Form form={form} layout="vertical" preserve={false} initialValues={{ dueInWorkingHours: 16, method: "phone" }}>
          {action === "confirm" ? (
            <>
              <Form.Item name="responsibleDepartmentId" label={t("quality.nc.responsibleDepartment")}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: "label" }}
                  options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                />
              </Form.Item>
              <Form.Item
                name="responsibleUserId"
                label={t("quality.nc.responsibleUser")}
                dependencies={["responsibleDepartmentId"]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_rule, value) =>
                      value || getFieldValue("responsibleDepartmentId")
                        ? Promise.resolve()
                        : Promise.reject(new Error(t("quality.nc.pickOne"))),
                  }),
                ]}
              >
                <Select allowClear showSearch={{ optionFilterProp: "label" }} options={staffOptions} />
              </Form.Item>
              <Form.Item name="dueInWorkingHours" label={t("quality.nc.dueHours")} extra={t("quality.nc.dueHoursHelp")}>
                <InputNumber min={1} max={2000} />
              </Form.Item>
            </>
          ) : null}
          {action === "record_fix" ? (
            <>
              <Form.Item name="callerId" label={t("quality.nc.caller")} extra={t("quality.nc.callerHelp")}>
                <Select allowClear showSearch={{ optionFilterProp: "label" }} options={staffOptions} />
              </Form.Item>
              <Form.Item name="method" label={t("quality.nc.method")}>
                <Select
                  options={(["phone", "on_site", "letter"] as const).map((method) => ({
                    value: method,
                    label: t(`quality.callbackMethod.${method}`),
                  }))}
                />
              </Form.Item>
            </>
          ) : null}
          {action && action !== "confirm" ? (
            <Form.Item
              name="comment"
              label={action === "record_fix" ? t("quality.nc.fix") : t("quality.nc.comment")}
              rules={COMMENT_REQUIRED.has(action) ? [{ required: true, whitespace: true }] : []}
            >
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
