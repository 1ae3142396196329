/**
 * Issue #7 part B, the quality of callbacks: nonconformities, the weekly
 * classification of suggestions into topics, callback inspections
 * and open letters.
 */
import type {
  CallbackInspection,
  CallbackInspectionInput,
  CallerInspectionSummary,
  ClassifySuggestions,
  InspectionSample,
  Nonconformity,
  NonconformityActionInput,
  NonconformityListItem,
  NonconformityReportInput,
  NonconformityReportView,
  NonconformityStatus,
  OpenLetter,
  OpenLetterInput,
  OpenLetterListItem,
  PortalOpenLetter,
  ReportSignatureInput,
  SuggestionWeek,
  Topic,
  TopicCreate,
  TopicListItem,
  TopicUpdate,
} from "@estate-desk/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPatch, apiPost, apiRequest } from "./client";
import { fetchAllPages } from "./query";

const QUALITY = ["quality"] as const;

function useQualityMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: QUALITY }),
        client.invalidateQueries({ queryKey: ["notifications"] }),
      ]);
    },
  });
}

// Nonconformities -------------------------------------------------------------------------

export function useNonconformities(view: "active" | "all", status?: NonconformityStatus) {
  return useQuery({
    queryKey: [...QUALITY, "nonconformities", view, status ?? null],
    queryFn: ({ signal }) => fetchAllPages<NonconformityListItem>("/api/nonconformities", { view, status }, signal),
    refetchInterval: 60_000,
  });
}

export function useNonconformity(id: string | undefined) {
  return useQuery({
    queryKey: [...QUALITY, "nonconformity", id],
    queryFn: ({ signal }) => apiGet<Nonconformity>(`/api/nonconformities/${id}`, undefined, signal),
    enabled: id !== undefined,
  });
}

export function useNonconformityAction(id: string) {
  return useQualityMutation((input: NonconformityActionInput) =>
    apiPost<Nonconformity>(`/api/nonconformities/${id}/actions`, input),
  );
}

export function useNonconformityReport(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...QUALITY, "report", id],
    queryFn: ({ signal }) => apiGet<NonconformityReportView>(`/api/nonconformities/${id}/report`, undefined, signal),
    enabled: id !== undefined && enabled,
    retry: false,
  });
}

export function useSaveNonconformityReport(id: string) {
  return useQualityMutation((input: NonconformityReportInput) =>
    apiRequest<NonconformityReportView>("PUT", `/api/nonconformities/${id}/report`, { body: input }),
  );
}

export function useSignNonconformityReport(id: string) {
  return useQualityMutation((input: ReportSignatureInput) =>
    apiPost<NonconformityReportView>(`/api/nonconformities/${id}/report/signatures`, input),
  );
}

// Suggestions and topics --------------------------------------------------------------------

export function useSuggestionWeek(weekStart: string | undefined) {
  return useQuery({
    queryKey: [...QUALITY, "suggestion-week", weekStart ?? "current"],
    queryFn: ({ signal }) => apiGet<SuggestionWeek>("/api/suggestions/week", { weekStart }, signal),
  });
}

export function useClassifySuggestions() {
  return useQualityMutation((input: ClassifySuggestions) => apiPost<void>("/api/suggestions/classifications", input));
}

export function useTopics(weekStart?: string) {
  return useQuery({
    queryKey: [...QUALITY, "topics", weekStart ?? null],
    queryFn: ({ signal }) =>
      apiGet<{ items: TopicListItem[] }>("/api/suggestion-topics", { weekStart }, signal).then((list) => list.items),
  });
}

export function useTopic(id: string | undefined) {
  return useQuery({
    queryKey: [...QUALITY, "topic", id],
    queryFn: ({ signal }) => apiGet<Topic>(`/api/suggestion-topics/${id}`, undefined, signal),
    enabled: id !== undefined,
  });
}

export function useCreateTopic() {
  return useQualityMutation((input: TopicCreate) => apiPost<Topic>("/api/suggestion-topics", input));
}

export function useUpdateTopic(id: string) {
  return useQualityMutation((input: TopicUpdate) => apiPatch<Topic>(`/api/suggestion-topics/${id}`, input));
}

export function useNotifyTopic(id: string) {
  return useQualityMutation(() => apiPost<Topic>(`/api/suggestion-topics/${id}/notify`));
}

export function useAnswerTopic(id: string) {
  return useQualityMutation((answer: string) => apiPost<Topic>(`/api/suggestion-topics/${id}/answer`, { answer }));
}

// Callback inspections ---------------------------------------------------------------------

export interface SampleQuery {
  callerId?: string | undefined;
  weekStart?: string | undefined;
  size: number;
  seed?: string | undefined;
}

export function useInspectionSample(query: SampleQuery | null) {
  return useQuery({
    queryKey: [...QUALITY, "inspection-sample", query],
    queryFn: ({ signal }) =>
      apiGet<InspectionSample>("/api/callback-inspections/sample", { ...(query ?? { size: 5 }) }, signal),
    enabled: query !== null,
  });
}

export function useRecordInspection() {
  return useQualityMutation((input: CallbackInspectionInput) =>
    apiPost<CallbackInspection>("/api/callback-inspections", input),
  );
}

export function useInspections(callerId?: string) {
  return useQuery({
    queryKey: [...QUALITY, "inspections", callerId ?? null],
    queryFn: ({ signal }) =>
      apiGet<{ items: CallbackInspection[] }>("/api/callback-inspections", { callerId }, signal).then((l) => l.items),
  });
}

export function useCallerInspectionSummary() {
  return useQuery({
    queryKey: [...QUALITY, "inspection-callers"],
    queryFn: ({ signal }) =>
      apiGet<{ items: CallerInspectionSummary[] }>("/api/callback-inspections/callers", undefined, signal).then(
        (l) => l.items,
      ),
  });
}

// Open letters -----------------------------------------------------------------------------

export function useOpenLetters() {
  return useQuery({
    queryKey: [...QUALITY, "letters"],
    queryFn: ({ signal }) =>
      apiGet<{ items: OpenLetterListItem[] }>("/api/open-letters", undefined, signal).then((l) => l.items),
  });
}

export function useOpenLetter(id: string | undefined) {
  return useQuery({
    queryKey: [...QUALITY, "letter", id],
    queryFn: ({ signal }) => apiGet<OpenLetter>(`/api/open-letters/${id}`, undefined, signal),
    enabled: id !== undefined,
  });
}

export function useCreateOpenLetter() {
  return useQualityMutation((input: OpenLetterInput) => apiPost<OpenLetter>("/api/open-letters", input));
}

export function usePublishOpenLetter(id: string) {
  return useQualityMutation((answerCallbacks: boolean) =>
    apiPost<OpenLetter>(`/api/open-letters/${id}/publish`, { answerCallbacks }),
  );
}

export function useWithdrawOpenLetter(id: string) {
  return useQualityMutation(() => apiPost<OpenLetter>(`/api/open-letters/${id}/withdraw`));
}

export function usePortalOpenLetters() {
  return useQuery({
    queryKey: [...QUALITY, "portal-letters"],
    queryFn: ({ signal }) =>
      apiGet<{ items: PortalOpenLetter[] }>("/api/portal/open-letters", undefined, signal).then((l) => l.items),
  });
}

export function usePortalOpenLetter(id: string | undefined) {
  return useQuery({
    queryKey: [...QUALITY, "portal-letter", id],
    queryFn: ({ signal }) => apiGet<PortalOpenLetter>(`/api/portal/open-letters/${id}`, undefined, signal),
    enabled: id !== undefined,
  });
}
