import type { Department, departmentInputSchema, departmentUpdateSchema } from "@estate-desk/domain";
import type { z } from "zod";
import { fromFlag } from "../db/guards.js";
import { codedCatalogueService } from "./coded-catalogue.js";
import * as repo from "./departments.repository.js";

type DepartmentInput = z.infer<typeof departmentInputSchema>;
type DepartmentUpdate = z.infer<typeof departmentUpdateSchema>;

export function presentDepartment(row: repo.DepartmentRow, memberCount: number): Department {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    function: row.function,
    memberCount,
    active: fromFlag(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Deactivating keeps the members' links: a department that handled cases stays in their
 * history. Only a department no category or user refers to can be deleted.
 */
const service = codedCatalogueService(repo.departments, {
  entityType: "department",
  present: presentDepartment,
  extraOf: (input: DepartmentInput) => ({ function: input.function }),
  changedExtra: (current, input: DepartmentUpdate) => ({ function: input.function ?? current.function }),
});

export const listDepartments = service.list;
export const createDepartment = service.create;
export const updateDepartment = service.update;
export const deleteDepartment = service.remove;
