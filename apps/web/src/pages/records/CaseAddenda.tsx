import { Button, Card, Form, Input, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useAddAddendum, useAddenda } from "../../api/records";

/**
 * 补充说明: corrections to a case kept beside its record — who, when, why and what.
 * Once the record is handed over to QA it cannot be changed; this is how it is corrected.
 */
export function CaseAddenda({
  caseId,
  canAdd,
  time,
}: {
  caseId: string;
  canAdd: boolean;
  time: (iso: string) => string;
}) {
  const { t } = useTranslation();
  const addenda = useAddenda(caseId);
  const items = addenda.data?.items ?? [];
  if (items.length === 0 && !canAdd) return null;
  return (
    <Card size="small" title={t("records.addenda.title")}>
      {items.length > 0 ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(item) => (
            <List.Item key={item.id}>
              <Space orientation="vertical" size={2} style={{ width: "100%" }}>
                <Space wrap>
                  <Tag>{t("records.addenda.reason", { reason: item.reason })}</Tag>
                  <Typography.Text type="secondary">
                    {item.authorName ?? "—"} · {time(item.at)}
                  </Typography.Text>
                </Space>
                <Typography.Text>{item.text}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : null}
      {canAdd ? <AddendumForm caseId={caseId} /> : null}
    </Card>
  );
}

function AddendumForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const add = useAddAddendum(caseId);
  const [form] = Form.useForm<{ reason: string; text: string }>();
  return (
    <Form<{ reason: string; text: string }>
      form={form}
      layout="vertical"
      style={{ marginTop: 8 }}
      onFinish={(values) => add.mutate(values, { onSuccess: () => form.resetFields() })}
    >
      <Form.Item
        name="reason"
        label={t("records.addenda.why")}
        rules={[{ required: true, whitespace: true, message: t("records.addenda.whyRequired") }]}
      >
        <Input maxLength={500} aria-label={t("records.addenda.why")} />
      </Form.Item>
      <Form.Item
        name="text"
        label={t("records.addenda.text")}
        rules={[{ required: true, whitespace: true, message: t("records.addenda.textRequired") }]}
      >
        <Input.TextArea maxLength={4000} aria-label={t("records.addenda.text")} />
      </Form.Item>
      <Button htmlType="submit" loading={add.isPending}>
        {t("records.addenda.add")}
      </Button>
      {add.isError ? <Typography.Text type="danger"> {String(add.error.message)}</Typography.Text> : null}
    </Form>
  );
}
