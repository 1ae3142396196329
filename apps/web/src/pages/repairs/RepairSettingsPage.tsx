import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import {
  DEFAULT_CLAIM_MINUTES,
  type PriceItem,
  type PriceItemInput,
  REPAIR_DISPATCH_MODES,
  type RepairDispatchMode,
} from "@estate-desk/domain";
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCategories } from "../../api/catalog";
import { useAllEstates } from "../../api/places";
import { useMe } from "../../api/session";
import {
  useDeleteDispatchRule,
  useDeletePriceItem,
  useDispatchRules,
  usePriceItems,
  useRepairSettings,
  useSavePriceItem,
  useSetDispatchRule,
  useSetRepairSettings,
} from "../../api/workOrders";
import { can } from "../../auth/permissions";
import { useFeedback } from "../../components/feedback";
import { useDocumentTitle } from "../../layout/useDocumentTitle";
import { fenToYuan, yuanToFen } from "./workOrderRules";

/**
 * 维修设置 (issue #5 items 7, 8, 9): how orders reach workers per estate and category, the
 * estates' price lists for paid repairs, and (for those who manage settings) the urge interval.
 */
export function RepairSettingsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  useDocumentTitle(t("repairs.settings.title"));
  const estates = useAllEstates();
  const [estateId, setEstateId] = useState<string | undefined>(undefined);
  const chosen = estateId ?? estates.data?.[0]?.id;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%", maxWidth: 960 }}>
      <div className="page-toolbar" style={{ marginBottom: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("repairs.settings.title")}
        </Typography.Title>
        <Select
          aria-label={t("repairs.settings.estate")}
          style={{ width: 220 }}
          value={chosen}
          onChange={(value: string) => setEstateId(value)}
          options={(estates.data ?? []).map((estate) => ({ value: estate.id, label: estate.name }))}
        />
      </div>
      {chosen ? <DispatchRules estateId={chosen} /> : null}
      {chosen ? <PriceList estateId={chosen} /> : null}
      {me && can(me, "settings.manage") ? <UrgeInterval /> : null}
    </Space>
  );
}

function DispatchRules({ estateId }: { estateId: string }) {
  const { t } = useTranslation();
  const rules = useDispatchRules();
  const categories = useCategories("repair");
  const setRule = useSetDispatchRule();
  const deleteRule = useDeleteDispatchRule();
  const { success, failure, modal } = useFeedback();
  const [form] = Form.useForm<{ categoryId: string | null; mode: RepairDispatchMode; claimMinutes: number }>();
  const mode = Form.useWatch("mode", form);
  const ofEstate = (rules.data ?? []).filter((rule) => rule.estateId === estateId);
  return (
    <Card title={t("repairs.settings.dispatch")} className="dispatch-rules">
      <Typography.Paragraph type="secondary">{t("repairs.settings.dispatchHint")}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={rules.isPending}
        dataSource={ofEstate}
        locale={{ emptyText: t("repairs.settings.noRules") }}
        columns={[
          {
            key: "category",
            title: t("repairs.settings.category"),
            render: (_, rule) => rule.categoryName ?? t("repairs.settings.allCategories"),
          },
          {
            key: "mode",
            title: t("repairs.settings.mode"),
            render: (_, rule) => <Tag>{t(`repairs.settings.modes.${rule.mode}`)}</Tag>,
          },
          {
            key: "claim",
            title: t("repairs.settings.claimMinutes"),
            render: (_, rule) => (rule.mode === "pool" ? rule.claimMinutes : "—"),
          },
          {
            key: "actions",
            title: "",
            width: 60,
            render: (_, rule) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t("repairs.settings.deleteRule")}
                onClick={() =>
                  modal.confirm({
                    title: t("repairs.settings.deleteConfirm"),
                    onOk: () => deleteRule.mutateAsync(rule.id).catch(failure),
                  })
                }
              />
            ),
          },
        ]}
      />
      <Form
        form={form}
        layout="inline"
        style={{ marginTop: 16, rowGap: 8 }}
        initialValues={{ categoryId: null, mode: "leader", claimMinutes: DEFAULT_CLAIM_MINUTES }}
        onFinish={(values) =>
          setRule.mutate(
            { estateId, categoryId: values.categoryId ?? null, mode: values.mode, claimMinutes: values.claimMinutes },
            { onSuccess: () => success(t("repairs.settings.saved")), onError: failure },
          )
        }
      >
        <Form.Item name="categoryId" label={t("repairs.settings.category")}>
          <Select
            style={{ width: 200 }}
            options={[
              { value: null, label: t("repairs.settings.allCategories") },
              ...(categories.data ?? [])
                .filter((category) => category.active)
                .map((category) => ({ value: category.id, label: category.name })),
            ]}
          />
        </Form.Item>
        <Form.Item name="mode" label={t("repairs.settings.mode")}>
          <Select
            style={{ width: 140 }}
            options={REPAIR_DISPATCH_MODES.map((value) => ({ value, label: t(`repairs.settings.modes.${value}`) }))}
          />
        </Form.Item>
        {mode === "pool" ? (
          <Form.Item name="claimMinutes" label={t("repairs.settings.claimMinutes")}>
            <InputNumber min={1} max={1440} precision={0} />
          </Form.Item>
        ) : null}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={setRule.isPending}>
            {t("repairs.settings.addRule")}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

interface ItemValues {
  code: string;
  name: string;
  unit: string;
  priceYuan: number;
  kind: "labour" | "material";
  active: boolean;
}

function PriceList({ estateId }: { estateId: string }) {
  const { t } = useTranslation();
  const items = usePriceItems(estateId);
  const save = useSavePriceItem();
  const remove = useDeletePriceItem();
  const { success, failure, modal } = useFeedback();
  const [editing, setEditing] = useState<PriceItem | "new" | null>(null);
  const [form] = Form.useForm<ItemValues>();
  const open = (item: PriceItem | "new") => {
    setEditing(item);
    form.setFieldsValue(
      item === "new"
        ? { code: "", name: "", unit: "", priceYuan: 0, kind: "labour", active: true }
        : { ...item, priceYuan: item.priceFen / 100 },
    );
  };
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values === null || editing === null) return;
    const input: PriceItemInput = {
      estateId,
      code: values.code,
      name: values.name,
      unit: values.unit,
      kind: values.kind,
      active: values.active,
      priceFen: yuanToFen(values.priceYuan),
    };
    save.mutate(
      { id: editing === "new" ? null : editing.id, input },
      {
        onSuccess: () => {
          setEditing(null);
          success(t("repairs.settings.saved"));
        },
        onError: failure,
      },
    );
  };
  return (
    <Card
      title={t("repairs.settings.priceList")}
      className="price-list"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => open("new")}>
          {t("repairs.settings.addItem")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t("repairs.settings.priceListHint")}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={items.isPending}
        dataSource={items.data ?? []}
        columns={[
          { key: "code", title: t("repairs.settings.code"), dataIndex: "code" },
          { key: "name", title: t("repairs.settings.name"), dataIndex: "name" },
          {
            key: "kind",
            title: t("repairs.settings.kind"),
            render: (_, item) => t(`repairs.quote.kinds.${item.kind}`),
          },
          { key: "unit", title: t("repairs.settings.unit"), dataIndex: "unit" },
          {
            key: "price",
            title: t("repairs.settings.price"),
            align: "right",
            render: (_, item) => `¥${fenToYuan(item.priceFen)}`,
          },
          {
            key: "active",
            title: t("repairs.settings.active"),
            render: (_, item) => (item.active ? t("common.active") : t("common.inactive")),
          },
          {
            key: "actions",
            title: "",
            width: 96,
            render: (_, item) => (
              <Space>
                <Button
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={t("repairs.settings.editItem")}
                  onClick={() => open(item)}
                />
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t("common.delete")}
                  onClick={() =>
                    modal.confirm({
                      title: t("repairs.settings.deleteItemConfirm"),
                      onOk: () => remove.mutateAsync(item.id).catch(failure),
                    })
                  }
                />
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === "new" ? t("repairs.settings.addItem") : t("repairs.settings.editItem")}
        onCancel={() => setEditing(null)}
        onOk={() => void submit()}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="code" label={t("repairs.settings.code")} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="name" label={t("repairs.settings.name")} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label={t("repairs.settings.kind")}>
            <Select
              options={(["labour", "material"] as const).map((kind) => ({
                value: kind,
                label: t(`repairs.quote.kinds.${kind}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="unit" label={t("repairs.settings.unit")} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="priceYuan" label={t("repairs.settings.price")} rules={[{ required: true }]}>
            <InputNumber min={0} max={1_000_000} precision={2} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="active" label={t("repairs.settings.active")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function UrgeInterval() {
  const { t } = useTranslation();
  const settings = useRepairSettings();
  const update = useSetRepairSettings();
  const { success, failure } = useFeedback();
  if (!settings.data) return null;
  return (
    <Card title={t("repairs.settings.urge")}>
      <Typography.Paragraph type="secondary">{t("repairs.settings.urgeHint")}</Typography.Paragraph>
      <Form
        layout="inline"
        initialValues={settings.data}
        onFinish={(values: { urgeIntervalMinutes: number }) =>
          update.mutate(values, { onSuccess: () => success(t("repairs.settings.saved")), onError: failure })
        }
      >
        <Form.Item name="urgeIntervalMinutes" label={t("repairs.settings.urgeMinutes")}>
          <InputNumber min={5} max={10080} precision={0} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t("common.save")}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
