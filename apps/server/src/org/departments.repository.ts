import type { DepartmentTable } from "../db/schema.js";
import { type CodedListFilter, type CodedRowWithCount, codedCatalogueRepository } from "./coded-catalogue.js";

export type DepartmentRow = DepartmentTable;
/** `user_count`: the number of active users assigned to the department. */
export type DepartmentWithCountRow = CodedRowWithCount<Pick<DepartmentRow, "function">>;
export type DepartmentListFilter = CodedListFilter;

/** Departments count their active members through user_departments; `function` is theirs alone. */
export const departments = codedCatalogueRepository(
  { table: "departments", links: "user_departments", linkColumn: "user_departments.department_id" },
  ["departments.function"],
);

export const findDepartment = departments.find;
export const listDepartments = departments.list;
export const findDepartmentConflict = departments.findConflict;
export const insertDepartment = departments.insert;
export const updateDepartment = departments.update;
export const deleteDepartment = departments.remove;
