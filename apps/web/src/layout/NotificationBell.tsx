import { BellOutlined } from "@ant-design/icons";
import type { Notification } from "@estate-desk/domain";
import { Badge, Button, Drawer, Empty, Grid, Popover, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import {
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useRecentNotifications,
  useUnreadCount,
} from "../api/notifications";
import { useMe } from "../api/session";
import { formatDateTime } from "../app/format";
import { useErrorText, useFeedback } from "../components/feedback";
import { useLocale } from "../i18n";
import { notificationPath, notificationText } from "./notificationText";

/** The header bell: unread count, the latest notifications in the reader's language, click to open the case. */
export function NotificationBell({ onDark = false }: { onDark?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { failure } = useFeedback();
  const { data: me } = useMe();
  const [open, setOpen] = useState(false);
  const screens = Grid.useBreakpoint();
  const narrow = screens.sm === false;
  const signedIn = me !== undefined && me !== null;
  const unread = useUnreadCount(signedIn);
  const count = unread.data ?? 0;
  const recent = useRecentNotifications(signedIn && open, count);
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";

  const openOne = (notification: Notification) => {
    setOpen(false);
    if (notification.readAt === null) markRead.mutate(notification.id, { onError: failure });
    const path = me ? notificationPath(notification, me.kind) : null;
    if (path !== null) void navigate(path);
  };

  const content = (
    <div className="notification-panel">
      <div className="notification-panel-head">
        <Typography.Text strong>{t("notifications.title")}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={count === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onError: failure })}
        >
          {t("notifications.markAllRead")}
        </Button>
      </div>
      {recent.isPending ? (
        <div className="notification-panel-state">
          <Spin />
        </div>
      ) : recent.isError ? (
        <Typography.Text type="danger">{errorText(recent.error)}</Typography.Text>
      ) : recent.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifications.empty")} />
      ) : (
        <ul className="notification-list" aria-label={t("notifications.title")}>
          {recent.data.map((notification) => {
            const text = notificationText(notification, locale);
            return (
              <li key={notification.id}>
                <button
                  type="button"
                  className={notification.readAt === null ? "notification-item unread" : "notification-item"}
                  onClick={() => openOne(notification)}
                >
                  <span className="notification-text">{t(text.key, text.params)}</span>
                  <span className="notification-time">{formatDateTime(notification.createdAt, locale, timeZone)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );

  const bell = (
    <Button
      type="text"
      className={onDark ? "bell-on-dark" : undefined}
      aria-label={count > 0 ? t("notifications.bellUnread", { count }) : t("notifications.bell")}
      aria-haspopup="dialog"
      aria-expanded={open}
      onClick={narrow ? () => setOpen(true) : undefined}
      icon={
        <Badge count={count} size="small" overflowCount={99} offset={[4, -2]}>
          <BellOutlined style={{ fontSize: 18, color: onDark ? "#fff" : undefined }} />
        </Badge>
      }
    />
  );

  // A popover anchored mid-header runs off a phone's screen; there the list slides in from the side.
  if (narrow) {
    return (
      <>
        {bell}
        <Drawer open={open} onClose={() => setOpen(false)} placement="right" size={320} title={null} closable={false}>
          {content}
        </Drawer>
      </>
    );
  }
  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} content={content} arrow={false}>
      {bell}
    </Popover>
  );
}
