import type {
  CaseComment,
  CaseCompletion,
  CaseDetail,
  CaseForward,
  CaseIntake,
  CaseKind,
  CaseSummary,
  CommentVisibility,
  PortalCase,
  ResidentCase,
  ResidentRelation,
  ResidentUnit,
  Upload,
} from "@estate-desk/domain";
import { useQuery } from "@tanstack/react-query";
import { apiGet, apiPost, apiRequest, type QueryValue } from "./client";
import { ApiError, type SimilarCase } from "./errors";
import { useApiMutation, usePagedList } from "./query";
import type { ItemList, Page } from "./types";

const CASES = ["cases"] as const;
const INTAKE = ["intake"] as const;
const PORTAL_CASES = ["portal", "cases"] as const;
const NOTIFICATIONS = ["notifications"] as const;

/** The register (QR-022), cursor-paged; the parameters are GET /api/cases's query. */
export function useCaseRegister(params: Record<string, QueryValue>, enabled = true) {
  return usePagedList<CaseSummary>([...CASES, "register"], "/api/cases", params, enabled);
}

/** Customer service's intake queue: cases other departments forwarded, oldest first. */
export function useIntakeQueue(enabled = true) {
  return usePagedList<CaseSummary>(
    [...CASES, "queue"],
    "/api/cases",
    { status: "pending_intake", sort: "receivedAt", order: "asc" },
    enabled,
  );
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: [...CASES, "one", id],
    queryFn: ({ signal }) => apiGet<CaseDetail>(`/api/cases/${id ?? ""}`, undefined, signal),
    enabled: id !== undefined,
  });
}

/** Cases whose number or text matches, for "duplicate of…" (a short list is enough). */
export function useCaseSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...CASES, "search", q],
    queryFn: ({ signal }) =>
      apiGet<Page<CaseSummary>>("/api/cases", { q, limit: 10 }, signal).then((page) => page.items),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function useCreateCase() {
  return useApiMutation((body: CaseIntake) => apiPost<CaseDetail>("/api/cases", body), [CASES, INTAKE]);
}

export function useForwardCase() {
  return useApiMutation((body: CaseForward) => apiPost<CaseDetail>("/api/cases/forward", body), [CASES]);
}

export function useCompleteCase() {
  return useApiMutation(
    ({ id, body }: { id: string; body: CaseCompletion }) => apiPost<CaseDetail>(`/api/cases/${id}/complete`, body),
    [CASES, INTAKE, NOTIFICATIONS],
  );
}

export function useAddComment(caseId: string) {
  return useApiMutation(
    (body: { visibility: CommentVisibility; body: string }) =>
      apiPost<CaseComment>(`/api/cases/${caseId}/comments`, body),
    [[...CASES, "one", caseId]],
  );
}

export function useMarkDuplicate(caseId: string) {
  return useApiMutation(
    (originalId: string) => apiPost<CaseDetail>(`/api/cases/${caseId}/duplicate`, { originalId }),
    [CASES],
  );
}

export interface LookupResident {
  id: string;
  name: string;
  phone: string;
  altPhone: string | null;
  units: ResidentUnit[];
  openCases: CaseSummary[];
}

export interface LookupUnit {
  unitId: string;
  estateId: string;
  estateName: string;
  label: string;
  residents: { residentId: string; name: string; phone: string; relation: ResidentRelation }[];
  openCases: CaseSummary[];
}

export interface IntakeLookup {
  residents: LookupResident[];
  units: LookupUnit[];
}

/** Residents and units matching a phone number or unit number, with their open cases. */
export function useIntakeLookup(q: string | null) {
  return useQuery({
    queryKey: [...INTAKE, "lookup", q],
    queryFn: ({ signal }) => apiGet<IntakeLookup>("/api/intake/lookup", { q }, signal),
    enabled: q !== null,
    placeholderData: (previous) => previous,
    staleTime: 5_000,
  });
}

/** Open cases of the same kind on the unit in the last days: pointed out before saving. */
export function useSimilarCases(kind: CaseKind, unitId: string | undefined) {
  return useQuery({
    queryKey: [...INTAKE, "similar", kind, unitId],
    queryFn: ({ signal }) =>
      apiGet<ItemList<SimilarCase>>("/api/intake/similar", { kind, unitId }, signal).then((list) => list.items),
    enabled: unitId !== undefined,
  });
}

/** POST /api/files: one photo; resolves with the stored upload to reference by id. */
export function uploadPhoto(file: File): Promise<Upload> {
  const form = new FormData();
  form.append("file", file);
  return apiRequest<Upload>("POST", "/api/files", { body: form });
}

export function usePortalCases(enabled = true) {
  return useQuery({
    queryKey: [...PORTAL_CASES, "list"],
    queryFn: ({ signal }) =>
      apiGet<ItemList<ResidentCase>>("/api/portal/cases", undefined, signal).then((list) => list.items),
    enabled,
  });
}

export function usePortalCase(id: string | undefined) {
  return useQuery({
    queryKey: [...PORTAL_CASES, "one", id],
    queryFn: ({ signal }) => apiGet<ResidentCase>(`/api/portal/cases/${id ?? ""}`, undefined, signal),
    enabled: id !== undefined,
    retry: false,
  });
}

export function useCreatePortalCase() {
  return useApiMutation((body: PortalCase) => apiPost<ResidentCase>("/api/portal/cases", body), [PORTAL_CASES]);
}

export interface PortalCategory {
  id: string;
  kind: CaseKind;
  name: string;
}

/**
 * The categories a resident may choose from. The contract has no portal route for them and
 * GET /api/categories needs org.read, which residents lack; this asks for a portal route
 * first and falls back to the staff list, so whichever the server offers works.
 */
export function usePortalCategories(kind: CaseKind) {
  return useQuery({
    queryKey: [...PORTAL_CASES, "categories", kind],
    queryFn: async ({ signal }) => {
      try {
        const list = await apiGet<ItemList<PortalCategory>>("/api/portal/categories", { kind }, signal);
        return list.items;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 404) throw error;
        const list = await apiGet<ItemList<PortalCategory>>("/api/categories", { kind, active: "true" }, signal);
        return list.items;
      }
    },
    retry: false,
    staleTime: 5 * 60_000,
  });
}
