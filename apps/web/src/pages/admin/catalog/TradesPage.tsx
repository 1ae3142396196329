import { PlusOutlined } from "@ant-design/icons";
import type { Trade } from "@estate-desk/domain";
import { Button, Form, Input, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCreateTrade, useDeleteTrade, useTrades, useUpdateTrade } from "../../../api/catalog";
import { type ActiveFilter, activeQuery } from "../../../api/types";
import { ActiveFilterSelect } from "../../../components/ActiveFilterSelect";
import { ActiveTag } from "../../../components/ActiveTag";
import { FormActions } from "../../../components/FormActions";
import { FormDrawer } from "../../../components/FormDrawer";
import { useErrorText, useFeedback } from "../../../components/feedback";
import { useRules, useServerFieldErrors } from "../../../components/formRules";
import { RowActions } from "../../../components/RowActions";
import { useRecordActions } from "../../../components/recordActions";
import { useDrawerState } from "../../../components/useDrawerState";

export function TradesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [active, setActive] = useState<ActiveFilter>("all");
  const trades = useTrades(activeQuery(active));
  const update = useUpdateTrade();
  const remove = useDeleteTrade();
  const actions = useRecordActions();
  const drawer = useDrawerState<Trade>();

  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("trades.title")}
        </Typography.Title>
        <span className="page-toolbar-spacer" />
        <ActiveFilterSelect value={active} onChange={setActive} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => drawer.openWith(null)}>
          {t("trades.create")}
        </Button>
      </div>
      {trades.isError ? <Typography.Text type="danger">{errorText(trades.error)}</Typography.Text> : null}
      <Table<Trade>
        rowKey="id"
        loading={trades.isPending}
        dataSource={trades.data ?? []}
        pagination={false}
        locale={{ emptyText: t("trades.empty") }}
        columns={[
          { title: t("trades.code"), dataIndex: "code", width: 140 },
          { title: t("trades.name"), dataIndex: "name" },
          { title: t("trades.workerCount"), dataIndex: "workerCount", width: 90, align: "right" },
          {
            title: t("common.status"),
            dataIndex: "active",
            width: 90,
            render: (value: boolean) => <ActiveTag active={value} />,
          },
          {
            title: t("common.actions"),
            key: "actions",
            width: 140,
            render: (_value, trade) => (
              <RowActions
                active={trade.active}
                onOpen={() => drawer.openWith(trade)}
                target={{
                  name: trade.name,
                  setActive: (value) => update.mutateAsync({ id: trade.id, active: value }),
                  remove: () => remove.mutateAsync(trade.id),
                }}
                actions={actions}
              />
            ),
          },
        ]}
      />
      <FormDrawer
        open={drawer.open}
        title={drawer.record ? t("trades.editTitle") : t("trades.createTitle")}
        onClose={drawer.close}
        width={480}
        audit={drawer.record ? { entityType: "trade", entityId: drawer.record.id } : null}
      >
        <TradeForm trade={drawer.record} onClose={drawer.close} />
      </FormDrawer>
    </>
  );
}

interface TradeFormValues {
  code: string;
  name: string;
}

function TradeForm({ trade, onClose }: { trade: Trade | null; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const markFields = useServerFieldErrors();
  const [form] = Form.useForm<TradeFormValues>();
  const create = useCreateTrade();
  const update = useUpdateTrade();
  const labels = { code: t("trades.code"), name: t("trades.name") };

  const onFinish = (values: TradeFormValues) => {
    const input = { code: values.code.trim(), name: values.name.trim() };
    const options = {
      onSuccess: () => {
        success(trade ? t("common.saved") : t("common.created"));
        onClose();
      },
      onError: (error: Error) => {
        markFields(form, error, labels, t("errors.unknown"));
        failure(error);
      },
    };
    if (trade) update.mutate({ id: trade.id, ...input }, options);
    else create.mutate(input, options);
  };

  return (
    <Form<TradeFormValues>
      form={form}
      layout="vertical"
      initialValues={trade ?? undefined}
      onFinish={onFinish}
      requiredMark="optional"
    >
      <Form.Item name="name" label={labels.name} rules={[rules.required(labels.name), rules.max(50)]}>
        <Input />
      </Form.Item>
      <Form.Item name="code" label={labels.code} rules={[rules.required(labels.code), rules.code]}>
        <Input />
      </Form.Item>
      <FormActions saving={create.isPending || update.isPending} onCancel={onClose} />
    </Form>
  );
}
