import type { CaseDetail, CaseSummary } from "@estate-desk/domain";
import { Button, Card, Empty, Input, Modal, Radio, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCaseSearch, useMarkDuplicate } from "../../api/cases";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { KindTag, StatusTag } from "../../components/CaseTags";
import { useErrorText, useFeedback } from "../../components/feedback";
import { useDebouncedValue } from "../../components/useDebouncedValue";
import { useLocale } from "../../i18n";
import { isSearchable } from "./registerFilters";

/** The duplicates of this case, and "mark as duplicate of…" (both stay in the register, linked). */
export function DuplicatesCard({ data, canMark }: { data: CaseDetail; canMark: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Card
      size="small"
      title={t("duplicates.title")}
      extra={
        canMark && data.duplicateOfId === null ? (
          <Button size="small" onClick={() => setOpen(true)}>
            {t("duplicates.mark")}
          </Button>
        ) : null
      }
    >
      {data.duplicates.length === 0 ? (
        <Typography.Text type="secondary">{t("duplicates.none")}</Typography.Text>
      ) : (
        <ul className="plain-list">
          {data.duplicates.map((duplicate) => (
            <li key={duplicate.id}>
              <Link to={`/cases/${duplicate.id}`} className="case-number">
                {duplicate.number}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {open ? <MarkDuplicateModal data={data} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}

function MarkDuplicateModal({ data, onClose }: { data: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const { success, failure } = useFeedback();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const [text, setText] = useState("");
  const q = useDebouncedValue(text.trim(), 300);
  const results = useCaseSearch(q, isSearchable(q));
  const [originalId, setOriginalId] = useState<string | undefined>();
  const mark = useMarkDuplicate(data.id);
  const candidates: CaseSummary[] = (results.data ?? []).filter(
    (item) => item.id !== data.id && item.duplicateOfId !== data.id,
  );

  return (
    <Modal
      open
      title={t("duplicates.modalTitle", { number: data.number })}
      onCancel={onClose}
      okText={t("duplicates.confirm")}
      okButtonProps={{ disabled: originalId === undefined, loading: mark.isPending }}
      cancelText={t("common.cancel")}
      onOk={() => {
        if (originalId === undefined) return;
        mark.mutate(originalId, {
          onSuccess: () => {
            success(t("duplicates.marked"));
            onClose();
          },
          onError: failure,
        });
      }}
    >
      <Typography.Paragraph type="secondary">{t("duplicates.explain")}</Typography.Paragraph>
      <Input.Search
        autoFocus
        allowClear
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={t("duplicates.searchPlaceholder")}
        aria-label={t("duplicates.search")}
        loading={results.isFetching}
      />
      <div style={{ marginTop: 12, maxHeight: 360, overflow: "auto" }}>
        {results.isError ? <Typography.Text type="danger">{errorText(results.error)}</Typography.Text> : null}
        {isSearchable(q) && results.isSuccess && candidates.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("duplicates.noMatch")} />
        ) : null}
        <Radio.Group value={originalId} onChange={(event) => setOriginalId(String(event.target.value))}>
          <Space orientation="vertical">
            {candidates.map((item) => (
              <Radio key={item.id} value={item.id}>
                <Space size={[6, 2]} wrap>
                  <Typography.Text strong className="case-number">
                    {item.number}
                  </Typography.Text>
                  <KindTag kind={item.kind} />
                  <StatusTag status={item.status} />
                  <Typography.Text type="secondary">
                    {formatDateTime(item.receivedAt, locale, timeZone)}
                  </Typography.Text>
                </Space>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, maxWidth: 420 }}>
                  {item.unitLabel ?? item.publicArea ?? ""} {item.content}
                </Typography.Paragraph>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </div>
    </Modal>
  );
}
