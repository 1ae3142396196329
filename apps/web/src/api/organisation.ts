import type { Organisation, PortalHome } from "@estate-desk/domain";
import { useQuery } from "@tanstack/react-query";
import { apiGet, apiPatch } from "./client";
import { useApiMutation } from "./query";
import { ME_KEY } from "./session";
import type { AuditEntityType, AuditEntry, ItemList } from "./types";

export function useOrganisation() {
  return useQuery({
    queryKey: ["organisation"],
    queryFn: ({ signal }) => apiGet<Organisation>("/api/organisation", undefined, signal),
  });
}

export function useUpdateOrganisation() {
  // The header shows the organisation name from Me.
  return useApiMutation(
    (input: { name?: string; timeZone?: string }) => apiPatch<Organisation>("/api/organisation", input),
    [["organisation"], ME_KEY, ["audit"]],
  );
}

export function useAuditEntries(entityType: AuditEntityType, entityId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ["audit", entityType, entityId],
    queryFn: ({ signal }) =>
      apiGet<ItemList<AuditEntry>>("/api/audit", { entityType, entityId }, signal).then((list) => list.items),
    enabled: enabled && entityId !== undefined,
  });
}

export function usePortalHome(enabled: boolean) {
  return useQuery({
    queryKey: ["portal", "home"],
    queryFn: ({ signal }) => apiGet<PortalHome>("/api/portal/home", undefined, signal),
    enabled,
    retry: false,
  });
}
