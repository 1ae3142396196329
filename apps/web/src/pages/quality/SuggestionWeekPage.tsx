import {
  SUGGESTION_CLASSIFICATIONS,
  type SuggestionClassification,
  type TopicCreate,
  type WeeklySuggestion,
} from "@estate-desk/domain";
import { Button, Card, Empty, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useDepartments } from "../../api/catalog";
import { useClassifySuggestions, useCreateTopic, useSuggestionWeek, useTopics } from "../../api/quality";
import { useFeedback } from "../../components/feedback";
import { useActiveStaff } from "./pickers";
import { shiftWeek, useWhen } from "./shared";

interface TopicForm {
  title: string;
  classification: SuggestionClassification;
  description?: string;
  departmentId?: string;
  handlerId?: string;
}

/**
 * 意见建议周分类: the opinions and suggestions received in a week, each
 * classified; several about the same problem grouped into one topic (groupings proposed by
 * textual similarity); the topics of the week with whom they were sent to.
 */
export function SuggestionWeekPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const requested = search.get("week") ?? undefined;
  const week = useSuggestionWeek(requested);
  const weekStart = week.data?.weekStart ?? requested;
  const topics = useTopics(weekStart);
  const classify = useClassifySuggestions();
  const createTopic = useCreateTopic();
  const when = useWhen();
  const navigate = useNavigate();
  const { success, failure } = useFeedback();
  const [selected, setSelected] = useState<string[]>([]);
  const [grouping, setGrouping] = useState<string[] | null>(null);
  const [form] = Form.useForm<TopicForm>();
  const departments = useDepartments("true");
  const staff = useActiveStaff(grouping !== null);

  const goTo = (monday: string | undefined) => {
    const params = new URLSearchParams(search);
    if (monday) params.set("week", monday);
    else params.delete("week");
    setSearch(params, { replace: true });
    setSelected([]);
  };

  const setClassification = async (caseId: string, classification: SuggestionClassification) => {
    if (!weekStart) return;
    try {
      await classify.mutateAsync({ weekStart, items: [{ caseId, classification }] });
      success(t("quality.suggestions.classified"));
    } catch (error) {
      failure(error);
    }
  };

  const items = week.data?.items ?? [];
  const byId = new Map(items.map((item) => [item.caseId, item]));

  const openGrouping = (caseIds: string[]) => {
    const first = byId.get(caseIds[0] ?? "");
    form.resetFields();
    form.setFieldsValue({
      title: first?.content.slice(0, 30) ?? "",
      classification: first?.classification ?? "other",
    });
    setGrouping(caseIds);
  };

  const submitTopic = async () => {
    if (!grouping || !weekStart) return;
    const values = await form.validateFields();
    const input: TopicCreate = { ...values, weekStart, caseIds: grouping };
    try {
      const topic = await createTopic.mutateAsync(input);
      setGrouping(null);
      setSelected([]);
      navigate(`/quality/topics/${topic.id}`);
    } catch (error) {
      failure(error);
    }
  };

  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("quality.suggestions.title")}
        </Typography.Title>
        <span className="page-toolbar-spacer" />
        <Space>
          <Button onClick={() => weekStart && goTo(shiftWeek(weekStart, -1))}>
            {t("quality.suggestions.previousWeek")}
          </Button>
          <Typography.Text strong data-testid="week-range">
            {week.data ? t("quality.suggestions.week", { start: week.data.weekStart, end: week.data.weekEnd }) : ""}
          </Typography.Text>
          <Button onClick={() => weekStart && goTo(shiftWeek(weekStart, 1))}>
            {t("quality.suggestions.nextWeek")}
          </Button>
          <Button onClick={() => goTo(undefined)}>{t("quality.suggestions.thisWeek")}</Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t("quality.suggestions.intro")}</Typography.Paragraph>

      <Card
        size="small"
        title={t("quality.suggestions.suggested")}
        style={{ marginBottom: 16 }}
        className="suggested-groupings"
      >
        {(week.data?.suggestedGroupings ?? []).length === 0 ? (
          <Typography.Text type="secondary">{t("quality.suggestions.noSuggestions")}</Typography.Text>
        ) : (
          <List
            dataSource={week.data?.suggestedGroupings ?? []}
            renderItem={(group) => (
              <List.Item
                actions={[
                  <Button key="group" type="link" onClick={() => openGrouping(group.caseIds)}>
                    {t("quality.suggestions.useSuggestion")}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={t("quality.suggestions.suggestedHint", { score: group.score })}
                  description={group.caseIds.map((id) => {
                    const item = byId.get(id);
                    return item ? (
                      <div key={id}>
                        {item.number}：{item.content}
                      </div>
                    ) : null;
                  })}
                />
              </List.Item>
            )}
          />
        )}
      </Card>

      <Space style={{ marginBottom: 8 }}>
        <Button type="primary" disabled={selected.length === 0} onClick={() => openGrouping(selected)}>
          {t("quality.suggestions.groupSelected")}
        </Button>
      </Space>
      <Table<WeeklySuggestion>
        rowKey="caseId"
        loading={week.isLoading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: <Empty description={t("quality.suggestions.empty")} /> }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (row) => ({ disabled: row.topicId !== null }),
        }}
        columns={[
          {
            title: t("cases.number"),
            dataIndex: "number",
            render: (value: string, row) => <Link to={`/cases/${row.caseId}`}>{value}</Link>,
          },
          { title: t("quality.suggestions.content"), dataIndex: "content" },
          {
            title: t("quality.suggestions.from"),
            render: (_v, row) =>
              [
                row.estateName,
                row.fromName,
                row.forwardedByDepartmentName
                  ? t("quality.suggestions.forwardedBy", { department: row.forwardedByDepartmentName })
                  : null,
              ]
                .filter(Boolean)
                .join(" · "),
          },
          {
            title: t("quality.suggestions.receivedAt"),
            dataIndex: "receivedAt",
            render: (value: string) => when(value),
          },
          {
            title: t("quality.suggestions.classification"),
            dataIndex: "classification",
            render: (value: SuggestionClassification | null, row) => (
              <Select<SuggestionClassification>
                aria-label={`${t("quality.suggestions.classification")} ${row.number}`}
                placeholder={t("quality.suggestions.classify")}
                value={value ?? undefined}
                style={{ width: 150 }}
                onChange={(next) => void setClassification(row.caseId, next)}
                options={SUGGESTION_CLASSIFICATIONS.map((code) => ({
                  value: code,
                  label: t(`quality.classification.${code}`),
                }))}
              />
            ),
          },
          {
            title: t("quality.suggestions.topic"),
            dataIndex: "topicTitle",
            render: (value: string | null, row) =>
              row.topicId ? <Link to={`/quality/topics/${row.topicId}`}>{value}</Link> : null,
          },
        ]}
      />

      <Card size="small" title={t("quality.suggestions.topics")} style={{ marginTop: 16 }}>
        {(topics.data ?? []).length === 0 ? (
          <Typography.Text type="secondary">{t("quality.suggestions.noTopics")}</Typography.Text>
        ) : (
          <List
            dataSource={topics.data ?? []}
            renderItem={(topic) => (
              <List.Item>
                <Space wrap>
                  <Link to={`/quality/topics/${topic.id}`}>{topic.title}</Link>
                  <Tag>{t(`quality.classification.${topic.classification}`)}</Tag>
                  <Tag color={topic.status === "open" ? "gold" : "green"}>
                    {t(`quality.topic.status.${topic.status}`)}
                  </Tag>
                  <Typography.Text type="secondary">
                    {t("quality.suggestions.cases", { count: topic.caseCount })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {[topic.departmentName, topic.handlerName].filter(Boolean).join(" / ")}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>

      <Modal
        open={grouping !== null}
        title={t("quality.suggestions.newTopic")}
        onCancel={() => setGrouping(null)}
        onOk={() => void submitTopic()}
        confirmLoading={createTopic.isPending}
        okText={t("common.create")}
      >
        <Typography.Paragraph type="secondary">
          {(grouping ?? []).map((id) => byId.get(id)?.number).join("、")}
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            name="title"
            label={t("quality.suggestions.topicTitle")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="classification" label={t("quality.suggestions.classification")} rules={[{ required: true }]}>
            <Select
              options={SUGGESTION_CLASSIFICATIONS.map((code) => ({
                value: code,
                label: t(`quality.classification.${code}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="departmentId" label={t("quality.suggestions.department")}>
            <Select allowClear options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="handlerId" label={t("quality.suggestions.handler")}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              options={(staff.data ?? []).map((user) => ({ value: user.id, label: user.displayName }))}
            />
          </Form.Item>
          <Form.Item name="description" label={t("quality.suggestions.description")}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
