import { Drawer, Tabs } from "antd";
import { type ReactNode, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../api/session";
import type { AuditEntityType } from "../api/types";
import { can } from "../auth/permissions";
import { AuditTimeline } from "./AuditTimeline";

interface FormDrawerProps {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** The record being edited; adds the 变更记录 tab for users who may read the audit log. */
  audit?: { entityType: AuditEntityType; entityId: string } | null;
  width?: number;
}

/** Moves the keyboard to the first field once the drawer has opened, so typing can start at once. */
export function focusFirstField(container: HTMLElement | null): void {
  const field = container?.querySelector<HTMLElement>(
    "input:not([disabled]):not([type=hidden]):not([readonly]), textarea:not([disabled])",
  );
  field?.focus();
}

/** A create/edit drawer; an edit drawer shows the record's change history beside the form. */
export function FormDrawer({ open, title, onClose, children, audit, width = 560 }: FormDrawerProps) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const bodyRef = useRef<HTMLDivElement>(null);
  const showAudit = audit !== undefined && audit !== null && can(me, "audit.read");
  const size = typeof window === "undefined" ? width : Math.min(width, window.innerWidth);

  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      size={size}
      destroyOnHidden
      afterOpenChange={(opened) => {
        if (opened) focusFirstField(bodyRef.current);
      }}
    >
      <div ref={bodyRef}>
        {showAudit ? (
          <Tabs
            items={[
              { key: "record", label: t("common.recordTab"), children },
              {
                key: "audit",
                label: t("audit.tab"),
                children: <AuditTimeline entityType={audit.entityType} entityId={audit.entityId} />,
              },
            ]}
          />
        ) : (
          children
        )}
      </div>
    </Drawer>
  );
}
