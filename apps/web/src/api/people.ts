import type { Resident, ResidentAccount, ResidentRelation, Role, StaffUser } from "@estate-desk/domain";
import { useQuery } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPatch, apiPost } from "./client";
import { useApiMutation, usePagedList } from "./query";

const RESIDENTS = ["residents"] as const;
const USERS = ["users"] as const;

export interface ResidentInput {
  name: string;
  phone: string;
  altPhone?: string | null;
  note?: string | null;
  units: { unitId: string; relation: ResidentRelation }[];
}

export function useResidentList(params: { q?: string; estateId?: string; active?: "true" | "false" }) {
  return usePagedList<Resident>([...RESIDENTS, "list"], "/api/residents", params);
}

export function useResident(id: string | undefined) {
  return useQuery({
    queryKey: [...RESIDENTS, "one", id],
    queryFn: ({ signal }) => apiGet<Resident>(`/api/residents/${id ?? ""}`, undefined, signal),
    enabled: id !== undefined,
  });
}

export function useCreateResident() {
  return useApiMutation((input: ResidentInput) => apiPost<Resident>("/api/residents", input), [RESIDENTS]);
}

export function useUpdateResident() {
  return useApiMutation(
    ({ id, ...input }: Partial<ResidentInput> & { id: string; active?: boolean }) =>
      apiPatch<Resident>(`/api/residents/${id}`, input),
    [RESIDENTS, ["units"], ["audit"]],
  );
}

export function useDeleteResident() {
  return useApiMutation((id: string) => apiDelete(`/api/residents/${id}`), [RESIDENTS]);
}

export function useCreateResidentAccount() {
  return useApiMutation(
    ({ residentId, ...input }: { residentId: string; username: string; password: string }) =>
      apiPost<ResidentAccount>(`/api/residents/${residentId}/account`, input),
    [RESIDENTS, ["audit"]],
  );
}

export interface StaffUserInput {
  username: string;
  displayName: string;
  phone?: string | null;
  email?: string | null;
  password: string;
  roles: Role[];
  allEstates: boolean;
  estateIds: string[];
  departmentIds: string[];
  tradeIds: string[];
}

export type StaffUserUpdate = Partial<Omit<StaffUserInput, "username" | "password">> & { active?: boolean };

export function useUserList(params: {
  q?: string;
  role?: string;
  departmentId?: string;
  estateId?: string;
  active?: "true" | "false";
}) {
  return usePagedList<StaffUser>([...USERS, "list"], "/api/users", params);
}

export function useCreateUser() {
  return useApiMutation((input: StaffUserInput) => apiPost<StaffUser>("/api/users", input), [USERS]);
}

export function useUpdateUser() {
  // Departments and trades show member counts.
  return useApiMutation(
    ({ id, ...input }: StaffUserUpdate & { id: string }) => apiPatch<StaffUser>(`/api/users/${id}`, input),
    [USERS, ["departments"], ["trades"], ["audit"]],
  );
}

export function useResetUserPassword() {
  return useApiMutation(
    ({ id, password }: { id: string; password: string }) => apiPost<void>(`/api/users/${id}/password`, { password }),
    [USERS, ["audit"]],
  );
}

export function useUnlockUser() {
  return useApiMutation((id: string) => apiPost<void>(`/api/users/${id}/unlock`), [USERS, ["audit"]]);
}
