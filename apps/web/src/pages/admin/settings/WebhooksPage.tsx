import { CopyOutlined, PlusOutlined } from "@ant-design/icons";
import {
  type DeadMessage,
  NOTIFICATION_TOPICS,
  type NotificationTopic,
  type OutboxStats,
  type Webhook,
  type WebhookCreated,
} from "@estate-desk/domain";
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Space, Switch, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useMe } from "../../../api/session";
import {
  useCreateWebhook,
  useDeadMessages,
  useDeleteWebhook,
  useOutboxStats,
  useRetryDeadMessage,
  useTestWebhook,
  useUpdateWebhook,
  useWebhooks,
  type WebhookInput,
} from "../../../api/settings";
import { formatDateTime } from "../../../app/format";
import { ActiveTag } from "../../../components/ActiveTag";
import { copyText } from "../../../components/copyText";
import { FormActions } from "../../../components/FormActions";
import { FormDrawer } from "../../../components/FormDrawer";
import { useErrorText, useFeedback } from "../../../components/feedback";
import { useRules, useServerFieldErrors } from "../../../components/formRules";
import { LoadMore } from "../../../components/LoadMore";
import { useRecordActions } from "../../../components/recordActions";
import { useDrawerState } from "../../../components/useDrawerState";
import { useLocale } from "../../../i18n";
import { useDurationText } from "../../complaints/DeadlineTag";
import { TOPIC_LABELS } from "./topicLabels";

type Tab = "subscriptions" | "dead";

/** 消息推送: webhook subscriptions for SMS and WeChat gateways, and the deliveries that failed. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab: Tab = search.get("tab") === "dead" ? "dead" : "subscriptions";
  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("webhooks.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("webhooks.intro")}</Typography.Text>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch(key === "dead" ? { tab: "dead" } : {}, { replace: true })}
        items={[
          { key: "subscriptions", label: t("webhooks.tabs.subscriptions"), children: <Subscriptions /> },
          { key: "dead", label: t("webhooks.tabs.dead"), children: <DeadLetters /> },
        ]}
      />
    </>
  );
}

function Subscriptions() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { success, failure } = useFeedback();
  const { confirmDelete } = useRecordActions();
  const webhooks = useWebhooks();
  const test = useTestWebhook();
  const remove = useDeleteWebhook();
  const drawer = useDrawerState<Webhook>();
  const [created, setCreated] = useState<WebhookCreated | null>(null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <div className="page-toolbar" style={{ marginBottom: 0 }}>
        <span className="page-toolbar-spacer" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => drawer.openWith(null)}>
          {t("webhooks.create")}
        </Button>
      </div>
      {webhooks.isError ? <Typography.Text type="danger">{errorText(webhooks.error)}</Typography.Text> : null}
      <Table<Webhook>
        rowKey="id"
        loading={webhooks.isPending}
        dataSource={webhooks.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t("webhooks.empty") }}
        columns={[
          {
            title: t("webhooks.url"),
            dataIndex: "url",
            render: (url: string) => <Typography.Text>{url}</Typography.Text>,
          },
          {
            title: t("webhooks.topics"),
            dataIndex: "topics",
            render: (topics: NotificationTopic[]) => (
              <Space size={[4, 4]} wrap>
                {topics.map((topic) => (
                  <Tag key={topic}>{t(TOPIC_LABELS[topic])}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t("common.status"),
            dataIndex: "active",
            width: 90,
            render: (active: boolean) => <ActiveTag active={active} />,
          },
          {
            title: t("common.actions"),
            key: "actions",
            width: 220,
            render: (_value, webhook) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => drawer.openWith(webhook)}>
                  {t("common.edit")}
                </Button>
                <Button
                  type="link"
                  size="small"
                  aria-label={t("webhooks.testFor", { url: webhook.url })}
                  disabled={!webhook.active}
                  onClick={() =>
                    test.mutate(webhook.id, { onSuccess: () => success(t("webhooks.testQueued")), onError: failure })
                  }
                >
                  {t("webhooks.test")}
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() =>
                    confirmDelete({
                      title: t("common.confirmDeleteTitle", { name: webhook.url }),
                      removeRecord: () => remove.mutateAsync(webhook.id),
                    })
                  }
                >
                  {t("common.delete")}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <FormDrawer
        open={drawer.open}
        title={drawer.record ? t("webhooks.editTitle") : t("webhooks.createTitle")}
        onClose={drawer.close}
        width={560}
      >
        <WebhookForm
          webhook={drawer.record}
          onClose={drawer.close}
          onCreated={(webhook) => {
            drawer.close();
            setCreated(webhook);
          }}
        />
      </FormDrawer>
      {created ? <SecretModal webhook={created} onClose={() => setCreated(null)} /> : null}
    </Space>
  );
}

/** The signing secret, shown once right after creation (the server never returns it again). */
function SecretModal({ webhook, onClose }: { webhook: WebhookCreated; onClose: () => void }) {
  const { t } = useTranslation();
  const { success, message } = useFeedback();
  return (
    <Modal
      open
      title={t("webhooks.secretTitle")}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t("common.close")}
        </Button>
      }
      maskClosable={false}
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Alert type="warning" showIcon title={t("webhooks.secretHint")} />
        <Typography.Text type="secondary">{webhook.url}</Typography.Text>
        <Input.TextArea
          readOnly
          className="secret-box"
          aria-label={t("webhooks.secretTitle")}
          value={webhook.secret}
          autoSize
        />
        <Button
          icon={<CopyOutlined />}
          onClick={async () => {
            if (await copyText(webhook.secret)) success(t("webhooks.secretCopied"));
            else void message.warning(t("webhooks.copyFailed"));
          }}
        >
          {t("webhooks.copySecret")}
        </Button>
      </Space>
    </Modal>
  );
}

interface WebhookFormValues {
  url: string;
  topics: NotificationTopic[];
  active: boolean;
}

function WebhookForm({
  webhook,
  onClose,
  onCreated,
}: {
  webhook: Webhook | null;
  onClose: () => void;
  onCreated: (webhook: WebhookCreated) => void;
}) {
  const { t } = useTranslation();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const markFields = useServerFieldErrors();
  const [form] = Form.useForm<WebhookFormValues>();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const labels = { url: t("webhooks.url"), topics: t("webhooks.topics"), active: t("common.status") };

  const onFinish = (values: WebhookFormValues) => {
    const input: WebhookInput = { url: values.url.trim(), topics: values.topics, active: values.active };
    const onError = (error: Error) => {
      // The server's reason (DNS, private address) is developer English; say what the rule is instead.
      markFields(form, error, labels, t("webhooks.urlRefused"));
      failure(error);
    };
    if (webhook) {
      update.mutate(
        { id: webhook.id, ...input },
        {
          onSuccess: () => {
            success(t("common.saved"));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(input, { onSuccess: onCreated, onError });
    }
  };

  return (
    <Form<WebhookFormValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={webhook ?? { url: "", topics: [...NOTIFICATION_TOPICS], active: true }}
    >
      <Form.Item name="url" label={labels.url} rules={[rules.required(labels.url), rules.max(2000)]}>
        <Input placeholder={t("webhooks.urlPlaceholder")} inputMode="url" />
      </Form.Item>
      <Form.Item
        name="topics"
        label={labels.topics}
        rules={[{ required: true, type: "array", min: 1, message: t("validation.select", { field: labels.topics }) }]}
      >
        <Checkbox.Group
          className="choice-list"
          options={NOTIFICATION_TOPICS.map((topic) => ({ value: topic, label: t(TOPIC_LABELS[topic]) }))}
        />
      </Form.Item>
      <Form.Item name="active" label={labels.active} valuePropName="checked">
        <Switch checkedChildren={t("common.active")} unCheckedChildren={t("common.inactive")} />
      </Form.Item>
      <FormActions saving={create.isPending || update.isPending} onCancel={onClose} />
    </Form>
  );
}

/** Channel names in the reader's language; a channel newer than this build shows as sent. */
function useChannelLabel(): (channel: string) => string {
  const { t } = useTranslation();
  return (channel) => {
    switch (channel) {
      case "in_app":
        return t("webhooks.channels.in_app");
      case "email":
        return t("webhooks.channels.email");
      case "webhook":
        return t("webhooks.channels.webhook");
      default:
        return channel;
    }
  };
}

function DeadLetters() {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const { success, failure } = useFeedback();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const dead = useDeadMessages();
  const retry = useRetryDeadMessage();
  const channelLabel = useChannelLabel();
  const topicLabel = (topic: string) => {
    const known = NOTIFICATION_TOPICS.find((candidate) => candidate === topic);
    return known ? t(TOPIC_LABELS[known]) : topic;
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <OutboxStatsCard />
      <Card size="small" title={t("webhooks.deadTitle")}>
        {dead.isError ? <Typography.Text type="danger">{errorText(dead.error)}</Typography.Text> : null}
        <Table<DeadMessage>
          rowKey="id"
          size="small"
          loading={dead.isPending}
          dataSource={dead.items}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t("webhooks.deadEmpty") }}
          columns={[
            {
              title: t("webhooks.channel"),
              dataIndex: "channel",
              width: 100,
              render: (channel: string) => channelLabel(channel),
            },
            {
              title: t("webhooks.topic"),
              dataIndex: "topic",
              width: 130,
              render: (topic: string) => topicLabel(topic),
            },
            {
              title: t("webhooks.recipient"),
              key: "recipient",
              width: 100,
              render: (_value, row) => row.recipient?.name ?? "—",
            },
            {
              title: t("webhooks.target"),
              dataIndex: "target",
              ellipsis: true,
              render: (target: string | null) => target ?? "—",
            },
            { title: t("webhooks.attempts"), dataIndex: "attempts", width: 90, align: "right" },
            {
              title: t("webhooks.lastError"),
              dataIndex: "lastError",
              ellipsis: true,
              render: (text: string | null) => text ?? "—",
            },
            {
              title: t("webhooks.deadAt"),
              dataIndex: "deadAt",
              width: 160,
              render: (value: string) => formatDateTime(value, locale, timeZone),
            },
            {
              title: t("common.actions"),
              key: "actions",
              width: 90,
              render: (_value, row) => (
                <Button
                  type="link"
                  size="small"
                  loading={retry.isPending && retry.variables === row.id}
                  onClick={() =>
                    retry.mutate(row.id, { onSuccess: () => success(t("webhooks.retried")), onError: failure })
                  }
                >
                  {t("webhooks.retry")}
                </Button>
              ),
            },
          ]}
        />
        <LoadMore
          count={dead.items.length}
          hasNextPage={dead.hasNextPage}
          loading={dead.isFetchingNextPage}
          onLoadMore={() => void dead.fetchNextPage()}
        />
      </Card>
    </Space>
  );
}

function OutboxStatsCard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const durationText = useDurationText();
  const channelLabel = useChannelLabel();
  const stats = useOutboxStats();
  return (
    <Card size="small" title={t("webhooks.stats")}>
      {stats.isError ? <Typography.Text type="danger">{errorText(stats.error)}</Typography.Text> : null}
      <Table<OutboxStats["channels"][number]>
        rowKey="channel"
        size="small"
        loading={stats.isPending}
        dataSource={stats.data?.channels ?? []}
        pagination={false}
        columns={[
          {
            title: t("webhooks.channel"),
            dataIndex: "channel",
            render: (channel: string) => channelLabel(channel),
          },
          { title: t("webhooks.pending"), dataIndex: "pending", align: "right" },
          {
            title: t("webhooks.oldestPending"),
            dataIndex: "oldestPendingAgeSeconds",
            render: (seconds: number | null) =>
              seconds === null ? "—" : t("webhooks.ageSeconds", { time: durationText(seconds * 1000) }),
          },
          {
            title: t("webhooks.dead"),
            dataIndex: "dead",
            align: "right",
            render: (count: number) => (count > 0 ? <Tag color="red">{count}</Tag> : count),
          },
        ]}
      />
    </Card>
  );
}
