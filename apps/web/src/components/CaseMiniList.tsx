import { Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SimilarCase } from "../api/errors";
import { useMe } from "../api/session";
import { formatDateTime } from "../app/format";
import { useLocale } from "../i18n";
import { KindTag, StatusTag } from "./CaseTags";

/** A few cases in short form (number, kind, status, time, content): open cases of a caller, similar cases. */
export function CaseMiniList({
  cases,
  openLabel,
  newTab = false,
}: {
  cases: readonly SimilarCase[];
  /** The link text; the number by default. */
  openLabel?: string;
  /** Open in a new tab, so a half-filled intake form is not lost. */
  newTab?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  return (
    <ul className="case-mini-list">
      {cases.map((item) => (
        <li key={item.id}>
          <Space size={[6, 2]} wrap>
            <Link
              to={`/cases/${item.id}`}
              target={newTab ? "_blank" : undefined}
              rel={newTab ? "noreferrer" : undefined}
              aria-label={`${openLabel ?? t("cases.open")} ${item.number}`}
            >
              <Typography.Text strong className="case-number">
                {item.number}
              </Typography.Text>
            </Link>
            <KindTag kind={item.kind} />
            <StatusTag status={item.status} />
            <Typography.Text type="secondary">{formatDateTime(item.receivedAt, locale, timeZone)}</Typography.Text>
            {item.categoryName ? <Typography.Text type="secondary">{item.categoryName}</Typography.Text> : null}
          </Space>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: "2px 0 0" }}>
            {item.content}
          </Typography.Paragraph>
        </li>
      ))}
    </ul>
  );
}
