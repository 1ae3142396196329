import type { CaseKind, Category, Department, DepartmentFunction, Trade, Urgency } from "@estate-desk/domain";
import { useQuery } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPatch, apiPost } from "./client";
import { useApiMutation } from "./query";
import type { ItemList } from "./types";

const DEPARTMENTS = ["departments"] as const;
const TRADES = ["trades"] as const;
const CATEGORIES = ["categories"] as const;

export interface DepartmentInput {
  code: string;
  name: string;
  function: DepartmentFunction;
}

export function useDepartments(active?: "true" | "false") {
  return useQuery({
    queryKey: [...DEPARTMENTS, active],
    queryFn: ({ signal }) =>
      apiGet<ItemList<Department>>("/api/departments", { active }, signal).then((list) => list.items),
  });
}

export function useCreateDepartment() {
  return useApiMutation((input: DepartmentInput) => apiPost<Department>("/api/departments", input), [DEPARTMENTS]);
}

export function useUpdateDepartment() {
  // Categories show their default department's name.
  return useApiMutation(
    ({ id, ...input }: Partial<DepartmentInput> & { id: string; active?: boolean }) =>
      apiPatch<Department>(`/api/departments/${id}`, input),
    [DEPARTMENTS, CATEGORIES, ["audit"]],
  );
}

export function useDeleteDepartment() {
  return useApiMutation((id: string) => apiDelete(`/api/departments/${id}`), [DEPARTMENTS]);
}

export interface TradeInput {
  code: string;
  name: string;
}

export function useTrades(active?: "true" | "false") {
  return useQuery({
    queryKey: [...TRADES, active],
    queryFn: ({ signal }) => apiGet<ItemList<Trade>>("/api/trades", { active }, signal).then((list) => list.items),
  });
}

export function useCreateTrade() {
  return useApiMutation((input: TradeInput) => apiPost<Trade>("/api/trades", input), [TRADES]);
}

export function useUpdateTrade() {
  return useApiMutation(
    ({ id, ...input }: Partial<TradeInput> & { id: string; active?: boolean }) =>
      apiPatch<Trade>(`/api/trades/${id}`, input),
    [TRADES, CATEGORIES, ["audit"]],
  );
}

export function useDeleteTrade() {
  return useApiMutation((id: string) => apiDelete(`/api/trades/${id}`), [TRADES]);
}

export interface CategoryInput {
  kind: CaseKind;
  code: string;
  name: string;
  defaultDepartmentId?: string | null;
  defaultTradeId?: string | null;
  defaultUrgency: Urgency;
  sortOrder?: number;
}

/** Categories of one kind, or of every kind when `kind` is undefined (the register's filter). */
export function useCategories(kind: CaseKind | undefined, active?: "true" | "false") {
  return useQuery({
    queryKey: [...CATEGORIES, kind, active],
    queryFn: ({ signal }) =>
      apiGet<ItemList<Category>>("/api/categories", { kind, active }, signal).then((list) => list.items),
  });
}

export function useCreateCategory() {
  return useApiMutation((input: CategoryInput) => apiPost<Category>("/api/categories", input), [CATEGORIES]);
}

export function useUpdateCategory() {
  return useApiMutation(
    ({ id, ...input }: Partial<Omit<CategoryInput, "kind">> & { id: string; active?: boolean }) =>
      apiPatch<Category>(`/api/categories/${id}`, input),
    [CATEGORIES, ["audit"]],
  );
}

export function useDeleteCategory() {
  return useApiMutation((id: string) => apiDelete(`/api/categories/${id}`), [CATEGORIES]);
}
