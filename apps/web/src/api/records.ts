import type {
  CaseAddendum,
  HandoverDetail,
  HandoverMonth,
  Inspection,
  InspectionChecks,
  InspectionDetail,
  RetentionSettings,
  TrackingResult,
} from "@estate-desk/domain";
import { useQuery } from "@tanstack/react-query";
import { apiDownload, apiGet, apiPost, apiRequest } from "./client";
import { useApiMutation } from "./query";
import type { ItemList } from "./types";

// Records control: handovers, inspections, retention, audit chain; PIPL.

const HANDOVERS = ["records", "handovers"] as const;
const INSPECTIONS = ["records", "inspections"] as const;
const RETENTION = ["records", "retention"] as const;

export function useHandoverMonths() {
  return useQuery({
    queryKey: HANDOVERS,
    queryFn: ({ signal }) => apiGet<ItemList<HandoverMonth>>("/api/records/handovers", undefined, signal),
  });
}

export function useHandover(id: string) {
  return useQuery({
    queryKey: [...HANDOVERS, id],
    queryFn: ({ signal }) => apiGet<HandoverDetail>(`/api/records/handovers/${id}`, undefined, signal),
  });
}

export function usePrepareHandover() {
  return useApiMutation(
    (input: { period: string; note?: string }) => apiPost<HandoverDetail>("/api/records/handovers", input),
    [HANDOVERS],
  );
}

export function useReceiveHandover(id: string) {
  return useApiMutation(
    (input: { signatureUploadId?: string; confirmation?: string }) =>
      apiPost<HandoverDetail>(`/api/records/handovers/${id}/receive`, input),
    [HANDOVERS],
  );
}

export function useAddenda(caseId: string) {
  return useQuery({
    queryKey: ["cases", caseId, "addenda"],
    queryFn: ({ signal }) => apiGet<ItemList<CaseAddendum>>(`/api/cases/${caseId}/addenda`, undefined, signal),
  });
}

export function useAddAddendum(caseId: string) {
  return useApiMutation(
    (input: { reason: string; text: string }) => apiPost<CaseAddendum>(`/api/cases/${caseId}/addenda`, input),
    [["cases", caseId, "addenda"]],
  );
}

export function useInspections() {
  return useQuery({
    queryKey: INSPECTIONS,
    queryFn: ({ signal }) => apiGet<ItemList<Inspection>>("/api/records/inspections", undefined, signal),
  });
}

export function useInspection(id: string) {
  return useQuery({
    queryKey: [...INSPECTIONS, id],
    queryFn: ({ signal }) => apiGet<InspectionDetail>(`/api/records/inspections/${id}`, undefined, signal),
  });
}

export function useOpenInspection() {
  return useApiMutation(
    (input: { period: string; sampleSize: number; seed?: string }) =>
      apiPost<InspectionDetail>("/api/records/inspections", input),
    [INSPECTIONS],
  );
}

export function useCheckInspectionItem(inspectionId: string) {
  return useApiMutation(
    (input: { itemId: string; checks: InspectionChecks; finding: string | null }) =>
      apiRequest<InspectionDetail>("PUT", `/api/records/inspections/${inspectionId}/items/${input.itemId}`, {
        body: { checks: input.checks, finding: input.finding },
      }),
    [INSPECTIONS],
  );
}

export function useRecordTrackingCall(inspectionId: string) {
  return useApiMutation(
    (input: {
      caseId?: string | null;
      calledName: string;
      calledPhone?: string | null;
      result: TrackingResult;
      note?: string | null;
    }) => apiPost<InspectionDetail>(`/api/records/inspections/${inspectionId}/calls`, input),
    [INSPECTIONS],
  );
}

export function useCloseInspection(inspectionId: string) {
  return useApiMutation(
    (input: { summary: string }) => apiPost<InspectionDetail>(`/api/records/inspections/${inspectionId}/close`, input),
    [INSPECTIONS],
  );
}

export function useRetentionSettings() {
  return useQuery({
    queryKey: RETENTION,
    queryFn: ({ signal }) => apiGet<RetentionSettings>("/api/settings/records-retention", undefined, signal),
  });
}

export function useUpdateRetentionSettings() {
  return useApiMutation(
    (input: RetentionSettings) =>
      apiRequest<RetentionSettings>("PUT", "/api/settings/records-retention", { body: input }),
    [RETENTION, ["audit"]],
  );
}

export interface AuditChainResult {
  intact: boolean;
  entries: number;
  lastHash: string;
  firstBreak: { entryId: string | null; seq: number | null; at: string | null; reason: string } | null;
  checkedAt: string;
}

export function useVerifyAuditChain() {
  return useApiMutation(() => apiGet<AuditChainResult>("/api/records/audit-chain"), []);
}

export interface RevealedContact {
  contactName: string | null;
  contactPhone: string | null;
  visitorName: string | null;
  visitorPhone: string | null;
  callbackPhone: string | null;
}

/** Revealing a masked contact is an explicit, logged action (PIPL). */
export function revealCaseContact(caseId: string): Promise<RevealedContact> {
  return apiPost<RevealedContact>(`/api/cases/${caseId}/contact/reveal`);
}

export function downloadMyData(): Promise<void> {
  return apiDownload("/api/portal/my-data", `my-data-${new Date().toISOString().slice(0, 10)}.json`);
}
