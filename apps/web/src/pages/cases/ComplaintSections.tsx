import { PauseCircleOutlined } from "@ant-design/icons";
import {
  ACTIVE_HANDLING_STATUSES,
  type CaseDetail,
  type ComplaintAction,
  type ComplaintHandling,
  type ComplaintSections as Sections,
} from "@estate-desk/domain";
import { Alert, Button, Card, Descriptions, Empty, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DANGEROUS_ACTIONS, PRIMARY_ACTIONS } from "../complaints/actionForm";
import { type ActionSection, useComplaintActionLauncher } from "../complaints/ComplaintActionLauncher";
import { DeadlineTag, useNow } from "../complaints/DeadlineTag";
import type { EventNames } from "./caseEvents";

type Time = (iso: string | null | undefined) => string;

const dash = (value: string | null | undefined): string =>
  value === null || value === undefined || value === "" ? "—" : value;

/** Names the timeline needs but the events carry only as ids, from the complaint's own sections. */
export function complaintEventNames(sections: Sections | null): EventNames {
  const users = new Map<string, string>();
  const departments = new Map<string, string>();
  for (const handling of sections?.handlings ?? []) {
    departments.set(handling.departmentId, handling.departmentName);
    if (handling.assigneeId && handling.assigneeName) users.set(handling.assigneeId, handling.assigneeName);
  }
  return { users, departments };
}

function handlingColour(status: ComplaintHandling["status"]): string {
  switch (status) {
    case "routed":
      return "processing";
    case "accepted":
    case "in_progress":
      return "blue";
    case "returned":
      return "purple";
    case "reassigned":
      return "default";
  }
}

/** Shown while the deadline clock stands still because the complaint waits on the resident. */
export function PausedBanner({ sections, time }: { sections: Sections; time: Time }) {
  const { t } = useTranslation();
  if (sections.pausedAt === null) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<PauseCircleOutlined />}
      title={t("complaint.pausedBanner", { time: time(sections.pausedAt), reason: dash(sections.pauseReason) })}
    />
  );
}

/**
 * The buttons of exactly the actions the server says this user may take now. An action on one
 * department's section names the department when the complaint has more than one.
 */
export function ComplaintActionBar({ data, sections }: { data: CaseDetail; sections: Sections }) {
  const { t } = useTranslation();
  const launcher = useComplaintActionLauncher();
  const active = sections.handlings.filter((h) => ACTIVE_HANDLING_STATUSES.includes(h.status));
  const sectionOf = (handlingId: string | null): ActionSection | null => {
    const handling = sections.handlings.find((h) => h.id === handlingId);
    return handling
      ? { handlingId: handling.id, departmentId: handling.departmentId, departmentName: handling.departmentName }
      : null;
  };
  const ordered = [...sections.availableActions].sort(
    (a, b) => Number(PRIMARY_ACTIONS.has(b.action)) - Number(PRIMARY_ACTIONS.has(a.action)),
  );
  const label = (action: ComplaintAction, section: ActionSection | null) =>
    section && active.length > 1
      ? t("complaint.actionFor", { action: t(`complaint.actions.${action}`), department: section.departmentName })
      : t(`complaint.actions.${action}`);

  return (
    <Card size="small" title={t("complaint.sections.actions")} className="no-print complaint-actions">
      {ordered.length === 0 ? (
        <Typography.Text type="secondary">{t("complaint.noActions")}</Typography.Text>
      ) : (
        <Space wrap>
          {ordered.map(({ action, handlingId }) => {
            const section = sectionOf(handlingId);
            return (
              <Button
                key={`${action}-${handlingId ?? ""}`}
                type={PRIMARY_ACTIONS.has(action) ? "primary" : "default"}
                danger={DANGEROUS_ACTIONS.has(action)}
                disabled={launcher.busy}
                onClick={() => launcher.start(data, action, section)}
              >
                {label(action, section)}
              </Button>
            );
          })}
        </Space>
      )}
      {launcher.element}
    </Card>
  );
}

/** One department's part of the form (QR-023): who accepted and handled it, what was done, and its deadlines. */
function HandlingCard({ handling, paused, time }: { handling: ComplaintHandling; paused: boolean; time: Time }) {
  const { t } = useTranslation();
  const now = useNow();
  const history = handling.status === "reassigned";
  const items: { key: string; label: string; children: ReactNode; span?: number }[] = [
    {
      key: "status",
      label: t("complaint.fields.status"),
      children: <Tag color={handlingColour(handling.status)}>{t(`complaint.handlingStatus.${handling.status}`)}</Tag>,
    },
    {
      key: "deadline",
      label: t("inbox.deadline"),
      children: <DeadlineTag section={handling} paused={paused} now={now} />,
    },
    { key: "routedAt", label: t("complaint.fields.routedAt"), children: time(handling.routedAt) },
    { key: "acceptDue", label: t("complaint.fields.acceptDue"), children: dash(time(handling.acceptDueAt)) },
    { key: "acceptedBy", label: t("complaint.fields.acceptedBy"), children: dash(handling.acceptedByName) },
    { key: "acceptedAt", label: t("complaint.fields.acceptedAt"), children: dash(time(handling.acceptedAt)) },
    { key: "handler", label: t("complaint.fields.handler"), children: dash(handling.assigneeName) },
    { key: "resultDue", label: t("complaint.fields.resultDue"), children: dash(time(handling.resultDueAt)) },
    {
      key: "measures",
      label: t("complaint.fields.measures"),
      span: 2,
      children: <span className="case-content">{dash(handling.measures)}</span>,
    },
    {
      key: "result",
      label: t("complaint.fields.result"),
      span: 2,
      children: <span className="case-content">{dash(handling.result)}</span>,
    },
    { key: "returnedBy", label: t("complaint.fields.returnedBy"), children: dash(handling.returnedByName) },
    { key: "returnedAt", label: t("complaint.fields.returnedAt"), children: dash(time(handling.returnedAt)) },
  ];
  return (
    <Card
      size="small"
      className={history ? "handling-card handling-history" : "handling-card"}
      title={
        <span>
          {t("complaint.sections.handling")} · {handling.departmentName}
        </span>
      }
    >
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} items={items} />
    </Card>
  );
}

export function HandlingSections({ sections, time }: { sections: Sections; time: Time }) {
  const { t } = useTranslation();
  if (sections.handlings.length === 0) {
    return (
      <Card size="small" title={t("complaint.sections.handling")}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("complaint.noHandling")} />
      </Card>
    );
  }
  // Reassigned sections are history: shown after the live ones.
  const ordered = [...sections.handlings].sort(
    (a, b) => Number(a.status === "reassigned") - Number(b.status === "reassigned"),
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {ordered.map((handling) => (
        <HandlingCard key={handling.id} handling={handling} paused={sections.pausedAt !== null} time={time} />
      ))}
    </Space>
  );
}

/** Coordination, the major-complaint sign-off and customer service's check. */
export function ComplaintReviewSections({ sections, time }: { sections: Sections; time: Time }) {
  const { t } = useTranslation();
  const coordination =
    sections.coordinationRequestedAt === null
      ? t("complaint.coordinationNone")
      : sections.coordinationDecision === null
        ? t("complaint.coordinationPending")
        : sections.coordinationDecision;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card size="small" title={t("complaint.sections.coordination")}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2 }}
          items={[
            {
              key: "requested",
              label: t("complaint.fields.coordinationRequestedAt"),
              children: dash(time(sections.coordinationRequestedAt)),
            },
            { key: "by", label: t("complaint.fields.coordinatedBy"), children: dash(sections.coordinatedByName) },
            {
              key: "decision",
              label: t("complaint.fields.decision"),
              span: 2,
              children: <span className="case-content">{coordination}</span>,
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={
          <Space size={8}>
            {t("complaint.sections.major")}
            {sections.isMajor ? <Tag color="red">{t("complaint.majorTag")}</Tag> : null}
          </Space>
        }
      >
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2 }}
          items={[
            {
              key: "major",
              label: t("complaint.fields.isMajor"),
              children: sections.isMajor
                ? t("complaint.majorYes", { reason: dash(sections.majorReason) })
                : t("complaint.notMajor"),
            },
            {
              key: "signedOff",
              label: t("complaint.fields.signedOff"),
              children:
                sections.signedOffAt === null
                  ? sections.isMajor
                    ? t("complaint.notSignedOff")
                    : "—"
                  : t("complaint.signedOffBy", {
                      name: dash(sections.signedOffByName),
                      time: time(sections.signedOffAt),
                    }),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t("complaint.sections.check")}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2 }}
          items={[
            {
              key: "checkedBy",
              label: t("complaint.fields.checkedBy"),
              children: sections.checkedAt === null ? t("complaint.checkPending") : dash(sections.checkedByName),
            },
            { key: "checkedAt", label: t("complaint.fields.checkedAt"), children: dash(time(sections.checkedAt)) },
          ]}
        />
      </Card>
    </Space>
  );
}
