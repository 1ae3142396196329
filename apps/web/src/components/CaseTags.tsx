import {
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  type CaseKind,
  type CaseStatus,
  URGENCY_LABELS,
  type Urgency,
} from "@estate-desk/domain";
import { Tag } from "antd";
import { labelText, useLocale } from "../i18n";

export const URGENCY_COLOURS: Record<Urgency, string> = {
  low: "default",
  normal: "blue",
  high: "orange",
  urgent: "red",
};

const KIND_COLOURS: Record<CaseKind, string> = { complaint: "volcano", repair: "geekblue", suggestion: "cyan" };

const STATUS_COLOURS: Record<CaseStatus, string> = {
  pending_intake: "gold",
  registered: "blue",
  routed: "processing",
  accepted: "processing",
  dispatched: "processing",
  in_progress: "processing",
  result_returned: "purple",
  awaiting_callback: "purple",
  closed: "success",
  withdrawn: "default",
};

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const locale = useLocale();
  return <Tag color={URGENCY_COLOURS[urgency]}>{labelText(URGENCY_LABELS[urgency], locale)}</Tag>;
}

export function KindTag({ kind }: { kind: CaseKind }) {
  const locale = useLocale();
  return <Tag color={KIND_COLOURS[kind]}>{labelText(CASE_KIND_LABELS[kind], locale)}</Tag>;
}

export function StatusTag({ status }: { status: CaseStatus }) {
  const locale = useLocale();
  return <Tag color={STATUS_COLOURS[status]}>{labelText(CASE_STATUS_LABELS[status], locale)}</Tag>;
}
