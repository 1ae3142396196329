import type {
  PriceItem,
  PriceItemInput,
  QuoteInput,
  RepairDispatchRule,
  RepairDispatchRuleInput,
  RepairSettings,
  WorkOrder,
  WorkOrderActionInput,
  workerSchema,
} from "@estate-desk/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { uploadPhoto } from "./cases";
import { apiDelete, apiGet, apiPatch, apiPost, apiRequest } from "./client";
import { ApiError } from "./errors";
import type { ItemList } from "./types";

/** A repair worker on the dispatch board: trades and how many open orders he holds. */
export type RepairWorker = ReturnType<typeof workerSchema.parse>;

export interface WorkOrderBoard {
  orders: WorkOrder[];
  workers: RepairWorker[];
}

/** Staff read orders under /api/work-orders; the resident they concern under /api/portal. */
export type WorkOrderScope = "staff" | "portal";

const WORK_ORDERS = ["workOrders"] as const;

function basePath(scope: WorkOrderScope): string {
  return scope === "portal" ? "/api/portal/work-orders" : "/api/work-orders";
}

/**
 * Retries reads on a dropped connection or a busy server, with a growing pause: workers are
 * often in basements with one bar. A 4xx is an answer, not a glitch, and is not retried.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 3) return false;
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status >= 500 || error.status === 429;
}

const retryDelay = (attempt: number) => Math.min(1000 * 2 ** attempt, 8000);

/** The repair team leader's board for one estate; refreshed every minute as new orders come in. */
export function useWorkOrderBoard(estateId: string | undefined) {
  return useQuery({
    queryKey: [...WORK_ORDERS, "board", estateId],
    queryFn: ({ signal }) => apiGet<WorkOrderBoard>("/api/work-orders/board", { estateId }, signal),
    enabled: estateId !== undefined,
    refetchInterval: 60_000,
    retry: shouldRetry,
    retryDelay,
  });
}

/** The worker's open orders, urgent first (the server sorts them). */
export function useMyWorkOrders() {
  return useQuery({
    queryKey: [...WORK_ORDERS, "mine"],
    queryFn: ({ signal }) => apiGet<ItemList<WorkOrder>>("/api/work-orders/mine", undefined, signal),
    select: (list) => list.items,
    refetchInterval: 60_000,
    retry: shouldRetry,
    retryDelay,
  });
}

export function useWorkOrder(id: string | undefined, scope: WorkOrderScope = "staff") {
  return useQuery({
    queryKey: [...WORK_ORDERS, scope, "one", id],
    queryFn: ({ signal }) => apiGet<WorkOrder>(`${basePath(scope)}/${id ?? ""}`, undefined, signal),
    enabled: id !== undefined,
    retry: shouldRetry,
    retryDelay,
  });
}

/**
 * One step of a repair. The answer is the whole order, put straight into its cache; the board,
 * the worker's list and the case are refreshed. A failed step refetches the order, since a 409
 * usually means someone else moved it meanwhile. Writes are not retried automatically: the
 * server refuses a repeated step (409) but a blind retry could hide that the first one landed.
 */
export function useWorkOrderAction(id: string, scope: WorkOrderScope = "staff") {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: [...WORK_ORDERS, "board"] }),
      client.invalidateQueries({ queryKey: [...WORK_ORDERS, "mine"] }),
      client.invalidateQueries({ queryKey: ["cases"] }),
      client.invalidateQueries({ queryKey: ["portal", "cases"] }),
    ]);
  return useMutation({
    mutationFn: (input: WorkOrderActionInput) => apiPost<WorkOrder>(`${basePath(scope)}/${id}/actions`, input),
    onSuccess: async (order) => {
      client.setQueryData([...WORK_ORDERS, scope, "one", id], order);
      await refresh();
    },
    onError: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: [...WORK_ORDERS, scope, "one", id] }), refresh()]);
    },
  });
}

/** A step on any order of the board, where one screen acts on many orders. */
export function useBoardAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: WorkOrderActionInput }) =>
      apiPost<WorkOrder>(`/api/work-orders/${id}/actions`, input),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: [...WORK_ORDERS, "board"] }),
        client.invalidateQueries({ queryKey: ["cases"] }),
      ]);
    },
  });
}

/** Uploads the customer's signature (a PNG drawn on the screen) like any photo: POST /api/files. */
export async function uploadSignature(png: Blob): Promise<string> {
  const file = new File([png], "signature.png", { type: "image/png" });
  const upload = await uploadPhoto(file);
  return upload.id;
}

/** The resident urges an open repair (催单); the server allows it once per interval (429 otherwise). */
export function useUrgeRepair(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<WorkOrder>(`${basePath("portal")}/${id}/urge`, {}),
    onSuccess: (order) => client.setQueryData([...WORK_ORDERS, "portal", "one", id], order),
  });
}

// ---------------------------------------------------------------------------------------
// Issue #5, second part: the pool, the on-duty switch, paid repairs, expected arrival, settings.

/** Orders the worker may claim (抢单) now; refreshed often, since colleagues claim too. */
export function usePoolOrders(enabled: boolean) {
  return useQuery({
    queryKey: [...WORK_ORDERS, "pool"],
    queryFn: ({ signal }) => apiGet<ItemList<WorkOrder>>("/api/work-orders/pool", undefined, signal),
    select: (list) => list.items,
    enabled,
    refetchInterval: 30_000,
    retry: shouldRetry,
    retryDelay,
  });
}

/** Claims a pooled order; a 409 means a colleague was faster. */
export function useClaimOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiPost<WorkOrder>(`/api/work-orders/${id}/actions`, { action: "claim" }),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: [...WORK_ORDERS, "pool"] }),
        client.invalidateQueries({ queryKey: [...WORK_ORDERS, "mine"] }),
      ]);
    },
  });
}

export function useDuty() {
  return useQuery({
    queryKey: [...WORK_ORDERS, "duty"],
    queryFn: ({ signal }) => apiGet<{ onDuty: boolean }>("/api/work-orders/duty", undefined, signal),
    retry: shouldRetry,
    retryDelay,
  });
}

export function useSetDuty() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (onDuty: boolean) =>
      apiRequest<{ onDuty: boolean }>("PUT", "/api/work-orders/duty", { body: { onDuty } }),
    onSuccess: (value) => client.setQueryData([...WORK_ORDERS, "duty"], value),
  });
}

/** A write on one order that answers with the whole order (quote, approval, warranty, expected arrival). */
function useOrderWrite<Input>(
  id: string,
  scope: WorkOrderScope,
  path: (input: Input) => { url: string; body: unknown },
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => {
      const { url, body } = path(input);
      return apiPost<WorkOrder>(`${basePath(scope)}/${id}${url}`, body);
    },
    onSuccess: async (order) => {
      client.setQueryData([...WORK_ORDERS, scope, "one", id], order);
      await client.invalidateQueries({ queryKey: [...WORK_ORDERS, "mine"] });
    },
  });
}

export function useRecordQuote(id: string) {
  return useOrderWrite<QuoteInput>(id, "staff", (input) => ({ url: "/quote", body: input }));
}

export function useApproveQuote(id: string, scope: WorkOrderScope = "staff") {
  return useOrderWrite<string>(id, scope, (signatureId) => ({ url: "/quote/approve", body: { signatureId } }));
}

export function useMarkWarranty(id: string) {
  return useOrderWrite<string>(id, "staff", (comment) => ({ url: "/warranty", body: { comment } }));
}

export function useSetExpectedArrival(id: string) {
  return useOrderWrite<string>(id, "staff", (expectedArrivalAt) => ({
    url: "/expected-arrival",
    body: { expectedArrivalAt },
  }));
}

const PRICE_ITEMS = ["repairPriceItems"] as const;

export function usePriceItems(estateId: string | undefined) {
  return useQuery({
    queryKey: [...PRICE_ITEMS, estateId],
    queryFn: ({ signal }) => apiGet<ItemList<PriceItem>>("/api/repair-price-items", { estateId }, signal),
    select: (list) => list.items,
    enabled: estateId !== undefined,
    retry: shouldRetry,
    retryDelay,
  });
}

export function useSavePriceItem() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: PriceItemInput }) => {
      if (id === null) return apiPost<PriceItem>("/api/repair-price-items", input);
      const { estateId: _estate, ...changes } = input;
      return apiPatch<PriceItem>(`/api/repair-price-items/${id}`, changes);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: PRICE_ITEMS }),
  });
}

export function useDeletePriceItem() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/api/repair-price-items/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: PRICE_ITEMS }),
  });
}

const DISPATCH_RULES = ["repairDispatchRules"] as const;

export function useDispatchRules() {
  return useQuery({
    queryKey: DISPATCH_RULES,
    queryFn: ({ signal }) => apiGet<ItemList<RepairDispatchRule>>("/api/repair-dispatch-rules", undefined, signal),
    select: (list) => list.items,
  });
}

export function useSetDispatchRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RepairDispatchRuleInput) =>
      apiRequest<RepairDispatchRule>("PUT", "/api/repair-dispatch-rules", { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: DISPATCH_RULES }),
  });
}

export function useDeleteDispatchRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/api/repair-dispatch-rules/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: DISPATCH_RULES }),
  });
}

export function useRepairSettings() {
  return useQuery({
    queryKey: ["repairSettings"],
    queryFn: ({ signal }) => apiGet<RepairSettings>("/api/repair-settings", undefined, signal),
  });
}

export function useSetRepairSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RepairSettings) => apiRequest<RepairSettings>("PUT", "/api/repair-settings", { body: input }),
    onSuccess: (value) => client.setQueryData(["repairSettings"], value),
  });
}
