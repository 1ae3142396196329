import type {
  BusinessCalendarSettings,
  BusinessCalendarSettingsInput,
  CalendarDay,
  CalendarDayKind,
  CaseKind,
  DeadlinePolicy,
  DeadMessage,
  MajorComplaintRules,
  NotificationTopic,
  OutboxStats,
  Urgency,
  Webhook,
  WebhookCreated,
} from "@estate-desk/domain";
import { useQuery } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPatch, apiPost, apiRequest } from "./client";
import { useApiMutation, usePagedList } from "./query";
import type { ItemList } from "./types";

const CALENDAR = ["calendar"] as const;
const POLICIES = ["deadline-policies"] as const;
const WEBHOOKS = ["webhooks"] as const;
const OUTBOX = ["outbox"] as const;
const MAJOR_COMPLAINTS = ["major-complaint-rules"] as const;

// 工作日历: working hours, holidays and make-up working days (调休).

export function useCalendarSettings() {
  return useQuery({
    queryKey: [...CALENDAR, "settings"],
    queryFn: ({ signal }) => apiGet<BusinessCalendarSettings>("/api/calendar", undefined, signal),
  });
}

export function useUpdateCalendarSettings() {
  return useApiMutation(
    (input: BusinessCalendarSettingsInput) =>
      apiRequest<BusinessCalendarSettings>("PUT", "/api/calendar", { body: input }),
    [CALENDAR, ["audit"]],
  );
}

export interface CalendarDays {
  items: CalendarDay[];
  /** "built-in": the State Council list, until the organisation first edits its calendar. */
  source: "organisation" | "built-in";
}

export function useCalendarDays(year: number) {
  return useQuery({
    queryKey: [...CALENDAR, "days", year],
    queryFn: ({ signal }) => apiGet<CalendarDays>("/api/calendar/days", { year }, signal),
    placeholderData: (previous) => previous,
  });
}

export function useSetCalendarDay() {
  // Coverage (which years have holidays) changes with the days.
  return useApiMutation(
    ({ day, kind, name }: { day: string; kind: CalendarDayKind; name: string }) =>
      apiRequest<CalendarDay>("PUT", `/api/calendar/days/${day}`, { body: { kind, name } }),
    [CALENDAR],
  );
}

export function useDeleteCalendarDay() {
  return useApiMutation((day: string) => apiDelete(`/api/calendar/days/${day}`), [CALENDAR]);
}

export function useImportChinaHolidays() {
  return useApiMutation(
    (year: number) =>
      apiPost<{ items: CalendarDay[]; imported: number }>("/api/calendar/days/import-china", undefined, { year }),
    [CALENDAR],
  );
}

// 处理时限: deadline policies.

export interface DeadlinePolicyInput {
  kind: CaseKind;
  categoryId: string | null;
  urgency: Urgency | null;
  acceptMinutes: number;
  arriveMinutes: number | null;
  resultMinutes: number;
  warnPercent: number;
  escalateAfterMinutes: number;
}

export type DeadlinePolicyUpdate = Omit<DeadlinePolicyInput, "kind" | "categoryId" | "urgency">;

export function useDeadlinePolicies() {
  return useQuery({
    queryKey: [...POLICIES],
    queryFn: ({ signal }) =>
      apiGet<ItemList<DeadlinePolicy>>("/api/deadline-policies", undefined, signal).then((list) => list.items),
  });
}

export function useCreateDeadlinePolicy() {
  return useApiMutation(
    (input: DeadlinePolicyInput) => apiPost<DeadlinePolicy>("/api/deadline-policies", input),
    [POLICIES],
  );
}

export function useUpdateDeadlinePolicy() {
  return useApiMutation(
    ({ id, ...input }: DeadlinePolicyUpdate & { id: string }) =>
      apiPatch<DeadlinePolicy>(`/api/deadline-policies/${id}`, input),
    [POLICIES, ["audit"]],
  );
}

export function useDeleteDeadlinePolicy() {
  return useApiMutation((id: string) => apiDelete(`/api/deadline-policies/${id}`), [POLICIES]);
}

/** When `minutes` working minutes after `from` fall due on the organisation's calendar. */
export function useDeadlinePreview(from: string, minutes: number | null) {
  return useQuery({
    queryKey: [...POLICIES, "preview", from, minutes],
    queryFn: ({ signal }) =>
      apiGet<{ dueAt: string }>("/api/deadlines/preview", { from, minutes: minutes ?? 0 }, signal).then(
        (body) => body.dueAt,
      ),
    enabled: minutes !== null,
    placeholderData: (previous) => previous,
  });
}

// 重大投诉规则: when the server flags a complaint as major by itself.

export function useMajorComplaintRules() {
  return useQuery({
    queryKey: [...MAJOR_COMPLAINTS],
    queryFn: ({ signal }) => apiGet<MajorComplaintRules>("/api/settings/major-complaints", undefined, signal),
  });
}

export function useUpdateMajorComplaintRules() {
  return useApiMutation(
    (input: MajorComplaintRules) =>
      apiRequest<MajorComplaintRules>("PUT", "/api/settings/major-complaints", { body: input }),
    [MAJOR_COMPLAINTS, ["audit"]],
  );
}

// 消息推送: webhooks, dead letters and the outbox.

export interface WebhookInput {
  url: string;
  topics: NotificationTopic[];
  active: boolean;
}

export function useWebhooks() {
  return useQuery({
    queryKey: [...WEBHOOKS],
    queryFn: ({ signal }) => apiGet<ItemList<Webhook>>("/api/webhooks", undefined, signal).then((list) => list.items),
  });
}

export function useCreateWebhook() {
  return useApiMutation((input: WebhookInput) => apiPost<WebhookCreated>("/api/webhooks", input), [WEBHOOKS]);
}

export function useUpdateWebhook() {
  return useApiMutation(
    ({ id, ...input }: Partial<WebhookInput> & { id: string }) => apiPatch<Webhook>(`/api/webhooks/${id}`, input),
    [WEBHOOKS, ["audit"]],
  );
}

export function useDeleteWebhook() {
  return useApiMutation((id: string) => apiDelete(`/api/webhooks/${id}`), [WEBHOOKS]);
}

export function useTestWebhook() {
  return useApiMutation((id: string) => apiPost<{ outboxId: string }>(`/api/webhooks/${id}/test`), [OUTBOX]);
}

export function useDeadMessages() {
  return usePagedList<DeadMessage>([...OUTBOX, "dead"], "/api/outbox/dead", {});
}

export function useRetryDeadMessage() {
  return useApiMutation((id: string) => apiPost<void>(`/api/outbox/${id}/retry`), [OUTBOX]);
}

export function useOutboxStats() {
  return useQuery({
    queryKey: [...OUTBOX, "stats"],
    queryFn: ({ signal }) => apiGet<OutboxStats>("/api/outbox/stats", undefined, signal),
    refetchInterval: 30_000,
  });
}
