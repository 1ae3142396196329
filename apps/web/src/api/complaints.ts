import type { CaseDetail, ComplaintActionInput, HandlingQueueItem, StaffUser } from "@estate-desk/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiPost } from "./client";
import { fetchAllPages } from "./query";

const COMPLAINTS = ["complaints"] as const;

export type ComplaintQueue = "department" | "mine" | "tracking";

/**
 * A work list of complaint sections, whole: the lists are short (what departments hold now)
 * and the screens sort and filter them by deadline on the client.
 */
export function useComplaintQueue(queue: ComplaintQueue, enabled = true) {
  return useQuery({
    queryKey: [...COMPLAINTS, "queue", queue],
    queryFn: ({ signal }) => fetchAllPages<HandlingQueueItem>("/api/complaints/queue", { queue }, signal),
    enabled,
    // Deadlines move on their own (the scheduler escalates every minute).
    refetchInterval: 60_000,
  });
}

/**
 * One step of complaint handling. The answer is the whole case, put straight into the case
 * cache; lists, the register and the bell are refreshed. On failure the case is refetched,
 * since a 409 usually means someone else moved it meanwhile.
 */
export function useComplaintAction() {
  const client = useQueryClient();
  const refresh = (caseId: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: COMPLAINTS }),
      client.invalidateQueries({ queryKey: ["cases", "register"] }),
      client.invalidateQueries({ queryKey: ["cases", "one", caseId] }),
      client.invalidateQueries({ queryKey: ["notifications"] }),
    ]);
  return useMutation({
    mutationFn: ({ caseId, input }: { caseId: string; input: ComplaintActionInput }) =>
      apiPost<CaseDetail>(`/api/cases/${caseId}/actions`, input),
    onSuccess: async (detail, { caseId }) => {
      client.setQueryData(["cases", "one", caseId], detail);
      await refresh(caseId);
    },
    onError: async (_error, { caseId }) => {
      await refresh(caseId);
    },
  });
}

/** The active members of a department: whom its head may assign a complaint to. */
export function useDepartmentMembers(departmentId: string | null) {
  return useQuery({
    queryKey: ["users", "department", departmentId],
    queryFn: ({ signal }) =>
      fetchAllPages<StaffUser>("/api/users", { departmentId: departmentId ?? undefined, active: "true" }, signal),
    enabled: departmentId !== null,
    staleTime: 60_000,
  });
}
