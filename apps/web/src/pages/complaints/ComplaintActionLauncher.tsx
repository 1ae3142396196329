import type { ActionField, ComplaintAction } from "@estate-desk/domain";
import { Form, Input, Modal, Radio, Select } from "antd";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDepartments } from "../../api/catalog";
import { useComplaintAction, useDepartmentMembers } from "../../api/complaints";
import { ApiError } from "../../api/errors";
import { useFeedback } from "../../components/feedback";
import { useRules } from "../../components/formRules";
import {
  type ActionFormValues,
  actionFormFields,
  buildActionInput,
  COMMENT_LABELS,
  DANGEROUS_ACTIONS,
  needsForm,
} from "./actionForm";

/** The department section an action is about, when it is about one. */
export interface ActionSection {
  handlingId: string;
  departmentId: string;
  departmentName: string;
}

/** The case an action is taken on. */
export interface ActionCase {
  id: string;
  number: string;
}

interface Pending {
  target: ActionCase;
  action: ComplaintAction;
  section: ActionSection | null;
}

/**
 * Starts complaint actions for one case: a one-click confirmation for actions that carry
 * nothing, otherwise a small form with exactly the fields the rule requires. A refusal (409
 * INVALID_TRANSITION, 403) is shown with the server's message and the case is refetched.
 */
export function useComplaintActionLauncher() {
  const { t } = useTranslation();
  const { modal, success, failure } = useFeedback();
  const mutation = useComplaintAction();
  const [pending, setPending] = useState<Pending | null>(null);

  const label = useCallback((action: ComplaintAction) => t(`complaint.actions.${action}`), [t]);

  const run = useCallback(
    async (target: ActionCase, action: ComplaintAction, section: ActionSection | null, values: ActionFormValues) => {
      try {
        await mutation.mutateAsync({
          caseId: target.id,
          input: buildActionInput(action, section?.handlingId ?? null, values),
        });
        success(t("complaint.actionDone", { action: label(action) }));
        return true;
      } catch (error) {
        failure(error);
        // A refused transition will not succeed on a second try: the form closes and the page shows the new state.
        return !(error instanceof ApiError && (error.code === "VALIDATION_FAILED" || error.code === "NETWORK_ERROR"));
      }
    },
    [mutation, success, failure, t, label],
  );

  const start = useCallback(
    (target: ActionCase, action: ComplaintAction, section: ActionSection | null) => {
      if (needsForm(action)) {
        setPending({ target, action, section });
        return;
      }
      modal.confirm({
        title: section
          ? t("complaint.confirmActionFor", { action: label(action), department: section.departmentName })
          : t("complaint.confirmAction", { action: label(action) }),
        content: target.number,
        okText: label(action),
        cancelText: t("common.cancel"),
        onOk: async () => {
          await run(target, action, section, {});
        },
      });
    },
    [modal, t, label, run],
  );

  // Mounted only while open, so each opening starts with an empty form of its own.
  const element = pending ? (
    <ActionFormModal
      pending={pending}
      saving={mutation.isPending}
      onCancel={() => setPending(null)}
      onSubmit={async (values) => {
        if (!pending) return;
        if (await run(pending.target, pending.action, pending.section, values)) setPending(null);
      }}
    />
  ) : null;

  return { start, element, busy: mutation.isPending };
}

function ActionFormModal({
  pending,
  saving,
  onCancel,
  onSubmit,
}: {
  pending: Pending;
  saving: boolean;
  onCancel: () => void;
  onSubmit: (values: ActionFormValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ActionFormValues>();
  const outcome = Form.useWatch("outcome", form);
  const action = pending.action;
  const actionLabel = t(`complaint.actions.${action}`);
  const title = t("complaint.actionTitle", {
    action: pending.section
      ? t("complaint.actionFor", { action: actionLabel, department: pending.section.departmentName })
      : actionLabel,
    number: pending.target.number,
  });

  return (
    <Modal
      open
      title={title}
      okText={actionLabel}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ danger: DANGEROUS_ACTIONS.has(action) }}
    >
      <Form<ActionFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void onSubmit(values)}
        initialValues={action === "check" ? { outcome: "accepted" } : {}}
      >
        <ActionFields action={action} outcome={outcome} section={pending.section} />
      </Form>
    </Modal>
  );
}

function ActionFields({
  action,
  outcome,
  section,
}: {
  action: ComplaintAction;
  outcome: ActionFormValues["outcome"];
  section: ActionSection | null;
}) {
  const { t } = useTranslation();
  const rules = useRules();
  const fields = actionFormFields(action, outcome);
  const has = (name: ActionField) => fields.some((field) => field.field === name);
  const needsDepartments = has("departmentId");
  const departments = useDepartments(needsDepartments ? "true" : undefined);
  const members = useDepartmentMembers(has("assigneeId") && section ? section.departmentId : null);
  const commentLabel = t(COMMENT_LABELS[action]);

  return (
    <>
      {has("outcome") ? (
        <Form.Item
          name="outcome"
          label={t("complaint.fields.outcome")}
          rules={[rules.select(t("complaint.fields.outcome"))]}
        >
          <Radio.Group
            options={[
              { value: "accepted", label: t("complaint.outcomes.accepted") },
              { value: "sent_back", label: t("complaint.outcomes.sent_back") },
            ]}
          />
        </Form.Item>
      ) : null}
      {has("assigneeId") ? (
        <Form.Item
          name="assigneeId"
          label={t("complaint.fields.assignee")}
          rules={[rules.select(t("complaint.fields.assignee"))]}
        >
          <Select
            aria-label={t("complaint.fields.assignee")}
            placeholder={t("complaint.memberPlaceholder")}
            loading={members.isPending && members.fetchStatus !== "idle"}
            showSearch={{ optionFilterProp: "label" }}
            options={(members.data ?? []).map((user) => ({ value: user.id, label: user.displayName }))}
          />
        </Form.Item>
      ) : null}
      {needsDepartments ? (
        <Form.Item
          name="departmentId"
          label={t("complaint.fields.department")}
          rules={[rules.select(t("complaint.fields.department"))]}
        >
          <Select
            aria-label={t("complaint.fields.department")}
            placeholder={t("complaint.departmentPlaceholder")}
            loading={departments.isPending}
            showSearch={{ optionFilterProp: "label" }}
            options={(departments.data ?? [])
              // Reassigning to the same department is refused by the server; do not offer it.
              .filter((department) => !(action === "reassign" && department.id === section?.departmentId))
              .map((department) => ({ value: department.id, label: department.name }))}
          />
        </Form.Item>
      ) : null}
      {has("measures") ? (
        <Form.Item
          name="measures"
          label={t("complaint.fields.measures")}
          rules={[rules.required(t("complaint.fields.measures")), rules.max(4000)]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      ) : null}
      {has("result") ? (
        <Form.Item
          name="result"
          label={t("complaint.fields.result")}
          rules={[rules.required(t("complaint.fields.result")), rules.max(4000)]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      ) : null}
      {has("comment") ? (
        <Form.Item name="comment" label={commentLabel} rules={[rules.required(commentLabel), rules.max(2000)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      ) : null}
    </>
  );
}
