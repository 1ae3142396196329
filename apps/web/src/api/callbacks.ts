import type {
  Callback,
  CallbackCreateInput,
  CallbackExemption,
  CallbackExemptionInput,
  CallbackHistory,
  CallbackPlan,
  CallbackPlanAssignInput,
  CallbackRates,
  CallbackResultInput,
  CallbackUpdateInput,
} from "@estate-desk/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPatch, apiPost } from "./client";

const CALLBACKS = ["callbacks"] as const;

export interface PlanListItem {
  id: string;
  weekStart: string;
  status: CallbackPlan["status"];
  proposedAt: string;
  reviewedAt: string | null;
  closedAt: string | null;
}

export type WorklistScope = "mine" | "all" | "unassigned";

/** The caller's list: planned callbacks with the resident's phone. */
export function useWorklist(scope: WorklistScope, enabled = true) {
  return useQuery({
    queryKey: [...CALLBACKS, "worklist", scope],
    queryFn: ({ signal }) =>
      apiGet<{ items: Callback[] }>("/api/callback-worklist", { scope }, signal).then((r) => r.items),
    enabled,
  });
}

/** The callback section of a case (QR-023 / QR-024). */
export function useCaseCallbacks(caseId: string) {
  return useQuery({
    queryKey: [...CALLBACKS, "case", caseId],
    queryFn: ({ signal }) => apiGet<CallbackHistory>(`/api/cases/${caseId}/callbacks`, undefined, signal),
  });
}

export function useWorkOrderCallbacks(workOrderId: string) {
  return useQuery({
    queryKey: [...CALLBACKS, "workOrder", workOrderId],
    queryFn: ({ signal }) =>
      apiGet<{ items: Callback[] }>(`/api/work-orders/${workOrderId}/callbacks`, undefined, signal).then(
        (r) => r.items,
      ),
  });
}

export function usePlans(enabled = true) {
  return useQuery({
    queryKey: [...CALLBACKS, "plans"],
    queryFn: ({ signal }) =>
      apiGet<{ items: PlanListItem[] }>("/api/callback-plans", undefined, signal).then((r) => r.items),
    enabled,
  });
}

export function usePlan(planId: string | undefined) {
  return useQuery({
    queryKey: [...CALLBACKS, "plan", planId],
    queryFn: ({ signal }) => apiGet<CallbackPlan>(`/api/callback-plans/${planId}`, undefined, signal),
    enabled: planId !== undefined,
  });
}

export function useRates(period: "week" | "month", at?: string) {
  return useQuery({
    queryKey: [...CALLBACKS, "rates", period, at],
    queryFn: ({ signal }) => apiGet<CallbackRates>("/api/callback-rates", { period, at }, signal),
  });
}

/** Every callback change refreshes the lists, the case and the bell. */
function useRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: CALLBACKS }),
      client.invalidateQueries({ queryKey: ["cases"] }),
      client.invalidateQueries({ queryKey: ["work-orders"] }),
      client.invalidateQueries({ queryKey: ["complaints"] }),
    ]);
}

export function useCreateCallback() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: CallbackCreateInput) => apiPost<Callback>("/api/callbacks", input),
    onSettled: refresh,
  });
}

export function useRecordCallback() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, result }: { id: string; result: CallbackResultInput }) =>
      apiPost<Callback>(`/api/callbacks/${id}/record`, result),
    onSettled: refresh,
  });
}

export function useUpdateCallback() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: CallbackUpdateInput }) =>
      apiPatch<Callback>(`/api/callbacks/${id}`, input),
    onSettled: refresh,
  });
}

export function useRecordExemption() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ caseId, input }: { caseId: string; input: CallbackExemptionInput }) =>
      apiPost<CallbackExemption>(`/api/cases/${caseId}/callback-exemption`, input),
    onSettled: refresh,
  });
}

export function useProposePlan() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => apiPost<CallbackPlan>("/api/callback-plans"), onSettled: refresh });
}

export function useAssignPlan() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ planId, input }: { planId: string; input: CallbackPlanAssignInput }) =>
      apiPost<CallbackPlan>(`/api/callback-plans/${planId}/assign`, input),
    onSettled: refresh,
  });
}
