import { CASE_SOURCE_LABELS, CASE_SOURCES, type MajorComplaintRules } from "@estate-desk/domain";
import { Button, Card, Checkbox, Form, InputNumber, Select, Space, Switch, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCategories } from "../../../api/catalog";
import { useMajorComplaintRules, useUpdateMajorComplaintRules } from "../../../api/settings";
import { useErrorText, useFeedback } from "../../../components/feedback";
import { PageLoading } from "../../../components/PageLoading";
import { LoadErrorResult } from "../../../components/Results";
import { labelText, useLocale } from "../../../i18n";
import { type MajorRulesFormValues, majorRulesFromForm, majorRulesToForm } from "./majorRules";

/** 重大投诉规则: when the server flags a complaint as major without the clerk (R-4.3.4, issue #4 item 5). */
export function MajorComplaintsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const rules = useMajorComplaintRules();

  let body: ReactNode;
  if (rules.isPending) body = <PageLoading />;
  else if (rules.isError)
    body = <LoadErrorResult message={errorText(rules.error)} onRetry={() => void rules.refetch()} />;
  else body = <RulesForm initial={rules.data} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%", maxWidth: 720 }}>
      <div className="page-toolbar" style={{ marginBottom: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("majorComplaints.title")}
        </Typography.Title>
      </div>
      <Typography.Text type="secondary">{t("majorComplaints.intro")}</Typography.Text>
      <Card>{body}</Card>
    </Space>
  );
}

function RulesForm({ initial }: { initial: MajorComplaintRules }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { success, failure } = useFeedback();
  const update = useUpdateMajorComplaintRules();
  const categories = useCategories("complaint");
  const [form] = Form.useForm<MajorRulesFormValues>();
  const repeatOn = Form.useWatch("repeatOn", form);
  const picked = Form.useWatch("categoryIds", form) ?? initial.categoryIds;

  // Active categories to choose from; one already chosen and since deactivated stays visible, marked.
  const categoryOptions = (categories.data ?? [])
    .filter((category) => category.active || picked.includes(category.id))
    .map((category) => ({
      value: category.id,
      label: category.active ? category.name : `${category.name}（${t("common.inactive")}）`,
    }));

  return (
    <Form<MajorRulesFormValues>
      form={form}
      layout="vertical"
      initialValues={majorRulesToForm(initial)}
      onFinish={(values) =>
        update.mutate(majorRulesFromForm(values), {
          onSuccess: (saved) => {
            form.setFieldsValue(majorRulesToForm(saved));
            success(t("common.saved"));
          },
          onError: failure,
        })
      }
    >
      <Form.Item name="categoryIds" label={t("majorComplaints.categories")} extra={t("majorComplaints.categoriesHelp")}>
        <Select
          mode="multiple"
          allowClear
          aria-label={t("majorComplaints.categories")}
          loading={categories.isPending}
          placeholder={t("majorComplaints.categoriesPlaceholder")}
          showSearch={{ optionFilterProp: "label" }}
          options={categoryOptions}
        />
      </Form.Item>
      <Form.Item label={t("majorComplaints.repeat")} extra={t("majorComplaints.repeatHelp")}>
        <Space wrap>
          <Form.Item name="repeatOn" valuePropName="checked" noStyle>
            <Switch aria-label={t("majorComplaints.repeat")} />
          </Form.Item>
          <Form.Item
            name="repeatWithinDays"
            noStyle
            rules={[{ required: repeatOn, message: t("validation.required", { field: t("majorComplaints.days") }) }]}
          >
            <InputNumber
              min={1}
              max={365}
              precision={0}
              disabled={!repeatOn}
              aria-label={t("majorComplaints.days")}
              suffix={t("majorComplaints.withinSuffix")}
              style={{ width: 200 }}
            />
          </Form.Item>
        </Space>
      </Form.Item>
      <Form.Item name="sources" label={t("majorComplaints.sources")} extra={t("majorComplaints.sourcesHelp")}>
        <Checkbox.Group
          options={CASE_SOURCES.map((value) => ({ value, label: labelText(CASE_SOURCE_LABELS[value], locale) }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t("common.save")}
      </Button>
    </Form>
  );
}
