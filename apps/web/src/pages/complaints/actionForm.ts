import {
  type ActionField,
  COMPLAINT_RULES,
  type ComplaintAction,
  type ComplaintActionInput,
} from "@estate-desk/domain";

export type CheckOutcome = "accepted" | "sent_back";

/** What the small form of an action holds; only the fields of the action's rule are used. */
export interface ActionFormValues {
  comment?: string;
  measures?: string;
  result?: string;
  departmentId?: string;
  assigneeId?: string;
  outcome?: CheckOutcome;
}

export interface ActionFormField {
  field: ActionField;
  required: boolean;
}

/**
 * The fields of an action's form: exactly what COMPLAINT_RULES says the request must carry.
 * The customer-service check is the one case with a condition: sending back needs a reason,
 * accepting does not.
 */
export function actionFormFields(action: ComplaintAction, outcome?: CheckOutcome): ActionFormField[] {
  const requires = COMPLAINT_RULES[action].requires;
  const fields: ActionFormField[] = requires
    .filter((field) => !(action === "check" && field === "comment"))
    .map((field) => ({ field, required: true }));
  if (action === "check" && outcome === "sent_back") fields.push({ field: "comment", required: true });
  return fields;
}

/** An action without anything to fill in is confirmed with one click instead of a form. */
export function needsForm(action: ComplaintAction): boolean {
  return COMPLAINT_RULES[action].requires.length > 0;
}

function trimmed(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  return text === "" ? undefined : text;
}

/** The request body: the action, its section, and only the fields its form showed. */
export function buildActionInput(
  action: ComplaintAction,
  handlingId: string | null,
  values: ActionFormValues,
): ComplaintActionInput {
  const input: ComplaintActionInput = { action };
  if (handlingId !== null) input.handlingId = handlingId;
  for (const { field } of actionFormFields(action, values.outcome)) {
    switch (field) {
      case "comment":
        input.comment = trimmed(values.comment);
        break;
      case "measures":
        input.measures = trimmed(values.measures);
        break;
      case "result":
        input.result = trimmed(values.result);
        break;
      case "departmentId":
        input.departmentId = values.departmentId;
        break;
      case "assigneeId":
        input.assigneeId = values.assigneeId;
        break;
      case "outcome":
        input.outcome = values.outcome;
        break;
    }
  }
  return input;
}

/** What the comment field is called for each action: a reason, a decision, a note, or a comment. */
export type CommentLabelKey =
  | "complaint.fields.comment"
  | "complaint.fields.reason"
  | "complaint.fields.decision"
  | "complaint.fields.followUpNote"
  | "complaint.fields.sendBackReason"
  | "complaint.fields.majorReason"
  | "complaint.fields.pauseReason";

export const COMMENT_LABELS: Record<ComplaintAction, CommentLabelKey> = {
  accept: "complaint.fields.comment",
  assign: "complaint.fields.comment",
  return_result: "complaint.fields.comment",
  check: "complaint.fields.sendBackReason",
  reassign: "complaint.fields.reason",
  involve: "complaint.fields.reason",
  request_coordination: "complaint.fields.comment",
  record_coordination: "complaint.fields.decision",
  flag_major: "complaint.fields.majorReason",
  sign_off: "complaint.fields.comment",
  pause: "complaint.fields.pauseReason",
  resume: "complaint.fields.comment",
  follow_up: "complaint.fields.followUpNote",
  withdraw: "complaint.fields.reason",
  close: "complaint.fields.comment",
  reopen: "complaint.fields.reason",
};

/** The actions that end or undo something, shown as danger buttons. */
export const DANGEROUS_ACTIONS: ReadonlySet<ComplaintAction> = new Set<ComplaintAction>(["withdraw", "close"]);

/** The main step of each state comes first in the action bar. */
export const PRIMARY_ACTIONS: ReadonlySet<ComplaintAction> = new Set<ComplaintAction>([
  "accept",
  "assign",
  "return_result",
  "check",
  "sign_off",
  "record_coordination",
]);
