import { type CaseComment, COMMENT_VISIBILITY_LABELS, type CommentVisibility } from "@estate-desk/domain";
import { Badge, Button, Card, Empty, Form, Input, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAddComment } from "../../api/cases";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { useFeedback } from "../../components/feedback";
import { useRules } from "../../components/formRules";
import { labelText, useLocale } from "../../i18n";

/**
 * Internal notes and replies to the resident, kept on separate tabs with separate forms so a
 * note meant for colleagues cannot be sent to the resident by picking the wrong option.
 */
export function CaseComments({
  caseId,
  comments,
  canComment,
}: {
  caseId: string;
  comments: readonly CaseComment[];
  canComment: boolean;
}) {
  const locale = useLocale();
  const [tab, setTab] = useState<CommentVisibility>("internal");
  const tabs: CommentVisibility[] = ["internal", "resident"];
  return (
    <Card size="small">
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key === "resident" ? "resident" : "internal")}
        items={tabs.map((visibility) => {
          const own = comments.filter((comment) => comment.visibility === visibility);
          return {
            key: visibility,
            label: (
              <span>
                {labelText(COMMENT_VISIBILITY_LABELS[visibility], locale)}{" "}
                <Badge count={own.length} showZero={false} color="#8c8c8c" />
              </span>
            ),
            children: <CommentThread caseId={caseId} visibility={visibility} comments={own} canComment={canComment} />,
          };
        })}
      />
    </Card>
  );
}

function CommentThread({
  caseId,
  visibility,
  comments,
  canComment,
}: {
  caseId: string;
  visibility: CommentVisibility;
  comments: readonly CaseComment[];
  canComment: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rules = useRules();
  const { data: me } = useMe();
  const { success, failure } = useFeedback();
  const add = useAddComment(caseId);
  const [form] = Form.useForm<{ body: string }>();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const label = visibility === "internal" ? t("comments.internalLabel") : t("comments.residentLabel");

  return (
    <div>
      <Typography.Paragraph type="secondary">
        {visibility === "internal" ? t("comments.internalHint") : t("comments.residentHint")}
      </Typography.Paragraph>
      {comments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("comments.none")} />
      ) : (
        <ul className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id}>
              <div>
                <Typography.Text strong>{comment.authorName}</Typography.Text>{" "}
                <Typography.Text type="secondary">
                  {formatDateTime(comment.createdAt, locale, timeZone)}
                </Typography.Text>
              </div>
              <div className="comment-body">{comment.body}</div>
            </li>
          ))}
        </ul>
      )}
      {canComment ? (
        <Form<{ body: string }>
          form={form}
          name={`comment-${visibility}`}
          layout="vertical"
          onFinish={(values) =>
            add.mutate(
              { visibility, body: values.body.trim() },
              {
                onSuccess: () => {
                  form.resetFields();
                  success(visibility === "internal" ? t("comments.noteAdded") : t("comments.replySent"));
                },
                onError: failure,
              },
            )
          }
        >
          <Form.Item name="body" label={label} rules={[rules.required(label), rules.max(2000)]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {visibility === "internal" ? t("comments.addNote") : t("comments.sendReply")}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}
