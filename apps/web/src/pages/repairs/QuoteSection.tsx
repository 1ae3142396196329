import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { PriceItem, QuoteLineInput, WorkOrder } from "@estate-desk/domain";
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { uploadSignature } from "../../api/workOrders";
import { useErrorText } from "../../components/feedback";
import { SignaturePad, type SignaturePadHandle } from "./SignaturePad";
import { fenToYuan, yuanToFen } from "./workOrderRules";

type Quote = NonNullable<WorkOrder["quote"]>;

/** The quote's lines and total, as the customer, the worker and the printed dispatch order show them. */
export function QuoteTable({ quote }: { quote: Quote }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(_line, index) => String(index)}
      dataSource={quote.lines}
      columns={[
        {
          key: "name",
          title: t("repairs.quote.name"),
          render: (_value, line) => (
            <span>
              {line.code ? <span className="case-number">{line.code} </span> : null}
              {line.name}
              {line.reason ? (
                <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                  {line.reason}
                </Typography.Text>
              ) : null}
            </span>
          ),
        },
        {
          key: "kind",
          title: t("repairs.quote.kind"),
          render: (_value, line) => t(`repairs.quote.kinds.${line.kind}`),
        },
        {
          key: "quantity",
          title: t("repairs.quote.quantity"),
          render: (_value, line) => `${line.quantity} ${line.unit} × ¥${fenToYuan(line.unitPriceFen)}`,
        },
        {
          key: "amount",
          title: t("repairs.quote.amount"),
          align: "right",
          render: (_value, line) => `¥${fenToYuan(line.amountFen)}`,
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={3}>
            <strong>{t("repairs.quote.total")}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <strong className="quote-total">¥{fenToYuan(quote.totalFen)}</strong>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

export function BillingTag({ billing }: { billing: WorkOrder["billing"] }) {
  const { t } = useTranslation();
  if (billing === null) return null;
  return <Tag color={billing === "chargeable" ? "gold" : "green"}>{t(`repairs.quote.billing.${billing}`)}</Tag>;
}

interface LineDraft {
  fromList?: boolean;
  priceItemId?: string;
  name?: string;
  unit?: string;
  kind?: "labour" | "material";
  unitPriceYuan?: number | null;
  quantity?: number | null;
  reason?: string;
}

/** A typed row as the server wants it, or null when it is incomplete. */
function lineOf(draft: LineDraft): QuoteLineInput | null {
  if (!draft.quantity || draft.quantity <= 0) return null;
  if (draft.priceItemId) return { priceItemId: draft.priceItemId, quantity: draft.quantity };
  const name = draft.name?.trim() ?? "";
  const unit = draft.unit?.trim() ?? "";
  const reason = draft.reason?.trim() ?? "";
  if (!name || !unit || !reason || !draft.kind || draft.unitPriceYuan === null || draft.unitPriceYuan === undefined) {
    return null;
  }
  return {
    name,
    unit,
    reason,
    kind: draft.kind,
    unitPriceFen: yuanToFen(draft.unitPriceYuan),
    quantity: draft.quantity,
  };
}

/**
 * The worker writes the quote on the phone: lines from the estate's price list (its price), and
 * lines not on it with their own price and a reason. The server prices and totals the lines.
 */
export function QuoteEditor({
  priceItems,
  busy,
  onSubmit,
}: {
  priceItems: readonly PriceItem[];
  busy: boolean;
  onSubmit: (lines: QuoteLineInput[]) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ lines: LineDraft[] }>();
  const [problem, setProblem] = useState<string | null>(null);
  const active = priceItems.filter((item) => item.active);

  const submit = async () => {
    setProblem(null);
    const drafts = (form.getFieldValue("lines") as LineDraft[] | undefined) ?? [];
    if (drafts.length === 0) return setProblem(t("repairs.quote.empty"));
    const lines: QuoteLineInput[] = [];
    for (const [index, draft] of drafts.entries()) {
      const line = lineOf(draft ?? {});
      if (line === null) {
        form.setFields([{ name: ["lines", index, "quantity"], errors: [t("repairs.quote.lineIncomplete")] }]);
        return;
      }
      lines.push(line);
    }
    try {
      await onSubmit(lines);
    } catch (error) {
      setProblem(errorText(error));
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ lines: [] }}>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: "100%" }}>
            {fields.map((field, index) => {
              const fromList = Boolean(form.getFieldValue(["lines", field.name, "fromList"]));
              return (
                <Card
                  key={field.key}
                  size="small"
                  className="quote-line"
                  title={fromList ? t("repairs.quote.priceItem") : t("repairs.quote.freeLine")}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t("repairs.order.removeMaterial", { index: index + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  }
                >
                  {fromList ? (
                    <Form.Item name={[field.name, "priceItemId"]} label={t("repairs.quote.priceItem")}>
                      <Select
                        showSearch
                        optionFilterProp="label"
                        aria-label={t("repairs.quote.priceItemN", { index: index + 1 })}
                        options={active.map((item) => ({
                          value: item.id,
                          label: `${item.code} ${item.name} ¥${fenToYuan(item.priceFen)}/${item.unit}`,
                        }))}
                      />
                    </Form.Item>
                  ) : (
                    <>
                      <Form.Item name={[field.name, "name"]} label={t("repairs.quote.name")}>
                        <Input maxLength={100} />
                      </Form.Item>
                      <Space wrap>
                        <Form.Item name={[field.name, "kind"]} label={t("repairs.quote.kind")}>
                          <Select
                            style={{ width: 110 }}
                            options={(["labour", "material"] as const).map((kind) => ({
                              value: kind,
                              label: t(`repairs.quote.kinds.${kind}`),
                            }))}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, "unit"]} label={t("repairs.quote.unit")}>
                          <Input maxLength={20} style={{ width: 80 }} />
                        </Form.Item>
                        <Form.Item name={[field.name, "unitPriceYuan"]} label={t("repairs.quote.unitPrice")}>
                          <InputNumber min={0} precision={2} inputMode="decimal" style={{ width: 120 }} />
                        </Form.Item>
                      </Space>
                      <Form.Item name={[field.name, "reason"]} label={t("repairs.quote.reason")}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </>
                  )}
                  <Form.Item name={[field.name, "quantity"]} label={t("repairs.quote.quantity")}>
                    <InputNumber min={0} inputMode="decimal" style={{ width: "100%" }} size="large" />
                  </Form.Item>
                </Card>
              );
            })}
            <div className="quote-add">
              <Button
                block
                icon={<PlusOutlined />}
                disabled={active.length === 0}
                onClick={() => add({ fromList: true, quantity: 1 })}
              >
                {t("repairs.quote.addItem")}
              </Button>
              <Button
                block
                icon={<PlusOutlined />}
                onClick={() => add({ fromList: false, quantity: 1, kind: "material" })}
              >
                {t("repairs.quote.addFree")}
              </Button>
            </div>
          </Space>
        )}
      </Form.List>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginTop: 12 }} /> : null}
      <div className="phone-actions" style={{ marginTop: 16 }}>
        <Button type="primary" size="large" block loading={busy} onClick={() => void submit()}>
          {t("repairs.quote.save")}
        </Button>
      </div>
    </Form>
  );
}

/** The customer reads the quote and approves it with a signature: on the worker's phone or in the portal. */
export function QuoteApproval({
  quote,
  onApprove,
}: {
  quote: Quote;
  onApprove: (signatureId: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const pad = useRef<SignaturePadHandle>(null);
  const signatureId = useRef<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const approve = async () => {
    setProblem(null);
    setBusy(true);
    try {
      if (signatureId.current === null) {
        const png = await pad.current?.toPng();
        if (!png) {
          setProblem(t("workOrder.evaluation.signatureEmpty"));
          return;
        }
        signatureId.current = await uploadSignature(png);
      }
      await onApprove(signatureId.current);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="quote-approval">
      <QuoteTable quote={quote} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t("repairs.quote.approveHint")}
      </Typography.Paragraph>
      <SignaturePad
        ref={pad}
        onChange={(hasInk) => {
          signatureId.current = null;
          if (hasInk) setProblem(null);
        }}
      />
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginTop: 12 }} /> : null}
      <div className="phone-actions" style={{ marginTop: 16 }}>
        <Button type="primary" size="large" block loading={busy} onClick={() => void approve()}>
          {t("repairs.quote.approveSubmit")}
        </Button>
      </div>
    </div>
  );
}
