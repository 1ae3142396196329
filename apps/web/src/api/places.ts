import type { Building, Estate, PublicEstate, Unit, UnitDetail, UnitImportResult } from "@estate-desk/domain";
import { useQuery } from "@tanstack/react-query";
import { apiDelete, apiDownload, apiGet, apiPatch, apiPost, apiRequest } from "./client";
import { fetchAllPages, useApiMutation, usePagedList } from "./query";
import type { ItemList } from "./types";

export interface EstateInput {
  code: string;
  name: string;
  address?: string | null;
  complaintHotline: string;
  repairHotline: string;
  receptionAddress: string;
}

const ESTATES = ["estates"] as const;
const BUILDINGS = ["buildings"] as const;
const UNITS = ["units"] as const;

export function useEstateList(params: { q?: string; active?: "true" | "false" }) {
  return usePagedList<Estate>([...ESTATES, "list"], "/api/estates", params);
}

/** Every estate the user may see, for pickers. */
export function useAllEstates(enabled = true) {
  return useQuery({
    queryKey: [...ESTATES, "all"],
    queryFn: ({ signal }) => fetchAllPages<Estate>("/api/estates", {}, signal),
    staleTime: 60_000,
    enabled,
  });
}

export function useEstate(id: string | undefined) {
  return useQuery({
    queryKey: [...ESTATES, "one", id],
    queryFn: ({ signal }) => apiGet<Estate>(`/api/estates/${id ?? ""}`, undefined, signal),
    enabled: id !== undefined,
  });
}

export function useCreateEstate() {
  return useApiMutation((input: EstateInput) => apiPost<Estate>("/api/estates", input), [ESTATES]);
}

export function useUpdateEstate() {
  return useApiMutation(
    ({ id, ...input }: Partial<EstateInput> & { id: string; active?: boolean }) =>
      apiPatch<Estate>(`/api/estates/${id}`, input),
    [ESTATES, ["audit"]],
  );
}

export function useDeleteEstate() {
  return useApiMutation((id: string) => apiDelete(`/api/estates/${id}`), [ESTATES]);
}

export function usePublicEstate(publicCode: string | undefined) {
  return useQuery({
    queryKey: ["public-estate", publicCode],
    queryFn: ({ signal }) =>
      apiGet<PublicEstate>(`/api/public/estates/${encodeURIComponent(publicCode ?? "")}`, undefined, signal),
    enabled: publicCode !== undefined,
    retry: false,
  });
}

export interface BuildingInput {
  name: string;
  sortOrder?: number;
}

export function useBuildings(estateId: string | undefined) {
  return useQuery({
    queryKey: [...BUILDINGS, estateId],
    queryFn: ({ signal }) =>
      apiGet<ItemList<Building>>(`/api/estates/${estateId ?? ""}/buildings`, undefined, signal).then(
        (list) => list.items,
      ),
    enabled: estateId !== undefined,
  });
}

export function useCreateBuilding(estateId: string) {
  return useApiMutation(
    (input: BuildingInput) => apiPost<Building>(`/api/estates/${estateId}/buildings`, input),
    [BUILDINGS],
  );
}

export function useUpdateBuilding() {
  return useApiMutation(
    ({ id, ...input }: Partial<BuildingInput> & { id: string; active?: boolean }) =>
      apiPatch<Building>(`/api/buildings/${id}`, input),
    [BUILDINGS, UNITS, ["audit"]],
  );
}

export function useDeleteBuilding() {
  return useApiMutation((id: string) => apiDelete(`/api/buildings/${id}`), [BUILDINGS]);
}

export interface UnitInput {
  buildingId: string;
  number: string;
  floor?: number | null;
  areaSquareMetres?: number | null;
}

export function useUnitList(
  params: { estateId?: string; buildingId?: string; q?: string; active?: "true" | "false" },
  enabled = true,
) {
  return usePagedList<Unit>([...UNITS, "list"], "/api/units", params, enabled);
}

export function useUnit(id: string | undefined) {
  return useQuery({
    queryKey: [...UNITS, "one", id],
    queryFn: ({ signal }) => apiGet<UnitDetail>(`/api/units/${id ?? ""}`, undefined, signal),
    enabled: id !== undefined,
  });
}

export function useCreateUnit() {
  // The building's unit count changes too.
  return useApiMutation((input: UnitInput) => apiPost<Unit>("/api/units", input), [UNITS, BUILDINGS]);
}

export function useUpdateUnit() {
  return useApiMutation(
    ({ id, ...input }: Partial<Omit<UnitInput, "buildingId">> & { id: string; active?: boolean }) =>
      apiPatch<Unit>(`/api/units/${id}`, input),
    [UNITS, BUILDINGS, ["audit"]],
  );
}

export function useDeleteUnit() {
  return useApiMutation((id: string) => apiDelete(`/api/units/${id}`), [UNITS, BUILDINGS]);
}

export function downloadUnitImportTemplate(fileName: string): Promise<void> {
  return apiDownload("/api/units/import-template", fileName);
}

export function useUnitImport(estateId: string) {
  return useApiMutation(
    ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append("file", file);
      return apiRequest<UnitImportResult>("POST", `/api/estates/${estateId}/units/import`, {
        body: form,
        query: { dryRun: dryRun ? "true" : "false" },
      });
    },
    [UNITS, BUILDINGS],
  );
}
