import type { StaffUser } from "@estate-desk/domain";
import { useQuery } from "@tanstack/react-query";
import { fetchAllPages } from "../../api/query";

/** Active staff of the organisation, for choosing a responsible person, a handler or a caller. */
export function useActiveStaff(enabled = true) {
  return useQuery({
    queryKey: ["users", "active-staff"],
    queryFn: ({ signal }) => fetchAllPages<StaffUser>("/api/users", { active: "true" }, signal),
    staleTime: 60_000,
    enabled,
  });
}
