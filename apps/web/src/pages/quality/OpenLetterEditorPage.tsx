import type { OpenLetterInput } from "@estate-desk/domain";
import { Button, Card, Form, Input, Select, Space, Typography } from "antd";
import type { TextAreaRef } from "antd/es/input/TextArea";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { useAllEstates } from "../../api/places";
import { useCreateOpenLetter, useTopic, useTopics } from "../../api/quality";
import { useFeedback } from "../../components/feedback";
import "./quality.css";

/** What a toolbar button wraps around the selection (the server keeps exactly these tags). */
const TOOLS = [
  { key: "bold", open: "<strong>", close: "</strong>" },
  { key: "italic", open: "<em>", close: "</em>" },
  { key: "underline", open: "<u>", close: "</u>" },
  { key: "heading", open: "<h3>", close: "</h3>" },
  { key: "paragraph", open: "<p>", close: "</p>" },
  { key: "list", open: "<ul>\n<li>", close: "</li>\n</ul>" },
  { key: "numbered", open: "<ol>\n<li>", close: "</li>\n</ol>" },
  { key: "lineBreak", open: "<br>", close: "" },
] as const;

interface LetterForm {
  title: string;
  bodyHtml: string;
  estateIds: string[];
  topicId?: string;
  caseIds: string[];
}

/**
 * Writing an open letter: a small toolbar editor over the letter's HTML; the server
 * cuts it down to a tiny allow-list when it is saved, and the letter page shows the result.
 */
export function OpenLetterEditorPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const estates = useAllEstates();
  const topics = useTopics();
  const create = useCreateOpenLetter();
  const { failure } = useFeedback();
  const [form] = Form.useForm<LetterForm>();
  const body = useRef<TextAreaRef>(null);
  const topicId = Form.useWatch("topicId", form);
  const topic = useTopic(topicId ?? undefined);

  const initialTopic = search.get("topicId");
  useEffect(() => {
    if (initialTopic) form.setFieldValue("topicId", initialTopic);
  }, [initialTopic, form]);

  // A letter about a topic answers the topic's source cases, in the topic's estate.
  useEffect(() => {
    if (!topic.data) return;
    form.setFieldValue(
      "caseIds",
      topic.data.cases.map((c) => c.caseId),
    );
    if (!form.getFieldValue("title")) form.setFieldValue("title", `关于${topic.data.title}的公开信`);
    if (topic.data.estateId && (form.getFieldValue("estateIds") ?? []).length === 0) {
      form.setFieldValue("estateIds", [topic.data.estateId]);
    }
  }, [topic.data, form]);

  const wrap = (open: string, close: string) => {
    const element = body.current?.resizableTextArea?.textArea;
    const value: string = form.getFieldValue("bodyHtml") ?? "";
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    form.setFieldValue(
      "bodyHtml",
      `${value.slice(0, start)}${open}${value.slice(start, end)}${close}${value.slice(end)}`,
    );
    element?.focus();
  };

  const submit = async () => {
    const values = await form.validateFields();
    const input: OpenLetterInput = {
      title: values.title,
      bodyHtml: values.bodyHtml,
      estateIds: values.estateIds,
      caseIds: values.caseIds ?? [],
      ...(values.topicId ? { topicId: values.topicId } : {}),
    };
    try {
      const letter = await create.mutateAsync(input);
      navigate(`/quality/letters/${letter.id}`);
    } catch (error) {
      failure(error);
    }
  };

  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("quality.letters.new")}
        </Typography.Title>
      </div>
      <Card>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ caseIds: [], estateIds: [], bodyHtml: "<p>尊敬的业主：</p>\n<p></p>" }}
        >
          <Form.Item
            name="title"
            label={t("quality.letters.letterTitle")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="estateIds"
            label={t("quality.letters.estates")}
            rules={[{ required: true, type: "array", min: 1 }]}
          >
            <Select mode="multiple" options={(estates.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
          <Form.Item name="topicId" label={t("quality.letters.topic")}>
            <Select allowClear options={(topics.data ?? []).map((tp) => ({ value: tp.id, label: tp.title }))} />
          </Form.Item>
          <Form.Item name="caseIds" label={t("quality.letters.cases")}>
            <Select
              mode="multiple"
              options={(topic.data?.cases ?? []).map((c) => ({
                value: c.caseId,
                label: `${c.number} ${c.content.slice(0, 20)}`,
              }))}
            />
          </Form.Item>
          <Space className="letter-editor-toolbar" wrap>
            {TOOLS.map((tool) => (
              <Button key={tool.key} size="small" onClick={() => wrap(tool.open, tool.close)}>
                {t(`quality.letters.toolbar.${tool.key}`)}
              </Button>
            ))}
          </Space>
          <Form.Item
            name="bodyHtml"
            label={t("quality.letters.body")}
            extra={t("quality.letters.bodyHelp")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea ref={body} rows={14} maxLength={100_000} />
          </Form.Item>
          <Button type="primary" loading={create.isPending} onClick={() => void submit()}>
            {t("common.save")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
