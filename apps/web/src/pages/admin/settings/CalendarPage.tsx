import { CloudDownloadOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  type BusinessCalendarSettings,
  CALENDAR_DAY_KINDS,
  type CalendarDay,
  type CalendarDayKind,
  WEEKDAYS,
  type WorkingPeriod,
} from "@estate-desk/domain";
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  useCalendarDays,
  useCalendarSettings,
  useDeleteCalendarDay,
  useImportChinaHolidays,
  useSetCalendarDay,
  useUpdateCalendarSettings,
} from "../../../api/settings";
import { useErrorText, useFeedback } from "../../../components/feedback";
import { useRules } from "../../../components/formRules";
import { PageLoading } from "../../../components/PageLoading";
import { LoadErrorResult } from "../../../components/Results";
import { useRecordActions } from "../../../components/recordActions";
import { type CalendarDraft, calendarDraftProblem, nextPeriod, type PeriodRow } from "./calendarEdit";

/** 工作日历: the working hours and days that deadlines are counted on (issue #4 item 6). */
export function CalendarPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const settings = useCalendarSettings();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);

  if (settings.isPending) return <PageLoading />;
  if (settings.isError) {
    return <LoadErrorResult message={errorText(settings.error)} onRetry={() => void settings.refetch()} />;
  }
  const { coverage } = settings.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <div className="page-toolbar" style={{ marginBottom: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("calendar.title")}
        </Typography.Title>
      </div>
      <Typography.Text type="secondary">{t("calendar.intro", { timeZone: settings.data.timeZone })}</Typography.Text>
      {coverage.currentYearMissing ? (
        <CoverageWarning year={thisYear} text={t("calendar.currentYearMissing", { year: thisYear })} type="error" />
      ) : null}
      {coverage.nextYearMissing ? (
        <CoverageWarning
          year={thisYear + 1}
          text={t("calendar.nextYearMissing", { year: thisYear + 1 })}
          type="warning"
        />
      ) : null}
      <WorkingHoursCard settings={settings.data} />
      <CalendarDaysCard year={year} onYear={setYear} />
    </Space>
  );
}

function CoverageWarning({ year, text, type }: { year: number; text: string; type: "error" | "warning" }) {
  const { t } = useTranslation();
  const { success, failure } = useFeedback();
  const importYear = useImportChinaHolidays();
  return (
    <Alert
      type={type}
      showIcon
      title={text}
      action={
        <Button
          size="small"
          loading={importYear.isPending}
          onClick={() =>
            importYear.mutate(year, {
              onSuccess: (result) => success(t("calendar.imported", { count: result.imported })),
              onError: failure,
            })
          }
        >
          {t("calendar.importChina")} {year}
        </Button>
      }
    />
  );
}

function draftOf(settings: BusinessCalendarSettings): CalendarDraft {
  return { workingPeriods: settings.workingPeriods, makeUpDayPeriods: settings.makeUpDayPeriods };
}

/**
 * The periods of each weekday and of make-up days, as HH:MM text fields: a native time input
 * shows AM/PM in the browser's own language and cannot hold 24:00, the end of a day.
 */
function WorkingHoursCard({ settings }: { settings: BusinessCalendarSettings }) {
  const { t } = useTranslation();
  const { success, failure } = useFeedback();
  const update = useUpdateCalendarSettings();
  const [draft, setDraft] = useState<CalendarDraft>(() => draftOf(settings));
  const problem = calendarDraftProblem(draft);
  const rows: PeriodRow[] = [...WEEKDAYS, "makeUp"];

  const periodsOf = (row: PeriodRow): WorkingPeriod[] =>
    row === "makeUp" ? draft.makeUpDayPeriods : draft.workingPeriods[row];
  const setPeriods = (row: PeriodRow, periods: WorkingPeriod[]) =>
    setDraft((previous) =>
      row === "makeUp"
        ? { ...previous, makeUpDayPeriods: periods }
        : { ...previous, workingPeriods: { ...previous.workingPeriods, [row]: periods } },
    );
  const dayName = (row: PeriodRow) => (row === "makeUp" ? t("calendar.makeUpDay") : t(`calendar.weekdays.${row}`));

  return (
    <Card
      size="small"
      title={t("calendar.workingHours")}
      extra={
        <Button
          type="primary"
          disabled={problem !== null}
          loading={update.isPending}
          onClick={() =>
            update.mutate(draft, {
              onSuccess: (saved) => {
                setDraft(draftOf(saved));
                success(t("common.saved"));
              },
              onError: failure,
            })
          }
        >
          {t("calendar.saveHours")}
        </Button>
      }
    >
      <div className="calendar-week">
        {rows.map((row) => {
          const periods = periodsOf(row);
          const name = dayName(row);
          return [
            <Typography.Text key={`${row}-label`} strong style={{ lineHeight: "32px" }}>
              {name}
            </Typography.Text>,
            <div key={`${row}-periods`} className="calendar-periods">
              {periods.length === 0 ? <Tag>{t("calendar.restDay")}</Tag> : null}
              {periods.map((period, index) => {
                const change = (next: Partial<WorkingPeriod>) =>
                  setPeriods(
                    row,
                    periods.map((item, at) => (at === index ? { ...item, ...next } : item)),
                  );
                return (
                  // Periods have no identity beyond their place in the day.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <span key={index} className="calendar-period">
                    <Input
                      size="small"
                      inputMode="numeric"
                      maxLength={5}
                      placeholder="08:30"
                      aria-label={t("calendar.periodStart", { day: name, index: index + 1 })}
                      value={period.start}
                      onChange={(event) => change({ start: event.target.value.trim() })}
                      style={{ width: 64 }}
                    />
                    –
                    <Input
                      size="small"
                      inputMode="numeric"
                      maxLength={5}
                      placeholder="08:30"
                      aria-label={t("calendar.periodEnd", { day: name, index: index + 1 })}
                      value={period.end}
                      onChange={(event) => change({ end: event.target.value.trim() })}
                      style={{ width: 64 }}
                    />
                    <Button
                      type="text"
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={`${t("calendar.removePeriod")} ${name} ${index + 1}`}
                      onClick={() =>
                        setPeriods(
                          row,
                          periods.filter((_item, at) => at !== index),
                        )
                      }
                    />
                  </span>
                );
              })}
              <Button
                size="small"
                icon={<PlusOutlined />}
                aria-label={t("calendar.addPeriodFor", { day: name })}
                disabled={periods.length >= 8}
                onClick={() => setPeriods(row, [...periods, nextPeriod(periods)])}
              >
                {t("calendar.addPeriod")}
              </Button>
            </div>,
          ];
        })}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t("calendar.makeUpHint")}
      </Typography.Paragraph>
      {problem ? <Alert type="error" showIcon title={t(`calendar.${problem}`)} style={{ marginTop: 12 }} /> : null}
    </Card>
  );
}

interface DayFormValues {
  day: string;
  kind: CalendarDayKind;
  name: string;
}

function CalendarDaysCard({ year, onYear }: { year: number; onYear: (year: number) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { success, failure } = useFeedback();
  const { confirmDelete } = useRecordActions();
  const days = useCalendarDays(year);
  const importYear = useImportChinaHolidays();
  const remove = useDeleteCalendarDay();
  const [editing, setEditing] = useState<{ open: boolean; day: CalendarDay | null }>({ open: false, day: null });

  return (
    <Card
      size="small"
      title={t("calendar.days")}
      extra={
        <Space wrap>
          <InputNumber
            aria-label={t("calendar.year")}
            value={year}
            min={2000}
            max={2100}
            precision={0}
            onChange={(value) => {
              if (typeof value === "number") onYear(value);
            }}
            style={{ width: 100 }}
          />
          <Button
            icon={<CloudDownloadOutlined />}
            loading={importYear.isPending}
            onClick={() =>
              importYear.mutate(year, {
                onSuccess: (result) => success(t("calendar.imported", { count: result.imported })),
                onError: failure,
              })
            }
          >
            {t("calendar.importChina")}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, day: null })}>
            {t("calendar.addDay")}
          </Button>
        </Space>
      }
    >
      {days.data?.source === "built-in" ? (
        <Alert type="info" showIcon title={t("calendar.builtIn")} style={{ marginBottom: 12 }} />
      ) : null}
      {days.isError ? <Typography.Text type="danger">{errorText(days.error)}</Typography.Text> : null}
      <Table<CalendarDay>
        rowKey="day"
        size="small"
        loading={days.isPending}
        dataSource={[...(days.data?.items ?? [])].sort((a, b) => a.day.localeCompare(b.day))}
        pagination={false}
        locale={{ emptyText: t("calendar.noDays") }}
        columns={[
          { title: t("calendar.day"), dataIndex: "day", width: 140 },
          {
            title: t("calendar.kind"),
            dataIndex: "kind",
            width: 140,
            render: (kind: CalendarDayKind) => (
              <Tag color={kind === "holiday" ? "red" : "blue"}>{t(`calendar.kinds.${kind}`)}</Tag>
            ),
          },
          { title: t("calendar.dayName"), dataIndex: "name" },
          {
            title: t("common.actions"),
            key: "actions",
            width: 160,
            render: (_value, day) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ open: true, day })}>
                  {t("common.edit")}
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() =>
                    confirmDelete({
                      title: t("calendar.confirmDeleteDay", { day: day.day }),
                      removeRecord: () => remove.mutateAsync(day.day),
                    })
                  }
                >
                  {t("common.delete")}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing.open ? (
        <DayModal day={editing.day} year={year} onClose={() => setEditing({ open: false, day: null })} />
      ) : null}
    </Card>
  );
}

function DayModal({ day, year, onClose }: { day: CalendarDay | null; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const [form] = Form.useForm<DayFormValues>();
  const save = useSetCalendarDay();
  return (
    <Modal
      open
      title={day ? t("calendar.editDayTitle", { day: day.day }) : t("calendar.addDayTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<DayFormValues>
        form={form}
        layout="vertical"
        initialValues={day ?? { day: `${year}-01-01`, kind: "holiday", name: "" }}
        onFinish={(values) =>
          save.mutate(
            { day: values.day, kind: values.kind, name: values.name.trim() },
            {
              onSuccess: () => {
                success(t("common.saved"));
                onClose();
              },
              onError: failure,
            },
          )
        }
      >
        <Form.Item name="day" label={t("calendar.day")} rules={[rules.required(t("calendar.day"))]}>
          {/* The date is the record's identity: to move a holiday, delete it and add another. */}
          <Input type="date" disabled={day !== null} />
        </Form.Item>
        <Form.Item name="kind" label={t("calendar.kind")} rules={[rules.select(t("calendar.kind"))]}>
          <Radio.Group
            options={CALENDAR_DAY_KINDS.map((kind) => ({ value: kind, label: t(`calendar.kinds.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t("calendar.dayName")}
          rules={[rules.required(t("calendar.dayName")), rules.max(50)]}
        >
          <Input placeholder={t("calendar.dayNamePlaceholder")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
