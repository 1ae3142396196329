import { RightOutlined } from "@ant-design/icons";
import type { ResidentCase } from "@estate-desk/domain";
import { Empty, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { KindTag, StatusTag } from "../../components/CaseTags";
import { useLocale } from "../../i18n";

/** 我的报修/投诉: the resident's cases, newest first, each opening its page. */
export function PortalCaseList({ cases }: { cases: readonly ResidentCase[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  if (cases.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("portal.noRequests")} />;
  return (
    <ul className="portal-case-list">
      {cases.map((item) => (
        <li key={item.id}>
          <Link to={`/portal/cases/${item.id}`} className="portal-case-row">
            <div className="portal-case-main">
              <Space size={[4, 4]} wrap>
                <KindTag kind={item.kind} />
                <StatusTag status={item.status} />
                <Typography.Text type="secondary">{formatDateTime(item.receivedAt, locale, timeZone)}</Typography.Text>
              </Space>
              <Typography.Text strong className="case-number">
                {item.number}
              </Typography.Text>
              <Typography.Text ellipsis className="portal-case-content">
                {item.categoryName ? `${item.categoryName} · ` : ""}
                {item.content}
              </Typography.Text>
            </div>
            <RightOutlined aria-hidden="true" />
          </Link>
        </li>
      ))}
    </ul>
  );
}
