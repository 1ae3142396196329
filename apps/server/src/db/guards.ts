import { AppError } from "../http/errors.js";
import { isForeignKeyViolation, isUniqueViolation } from "./dialect.js";

/** Runs a write and turns a unique-key violation into a 409 DUPLICATE naming the field. */
export async function guardUnique<T>(write: () => Promise<T>, field: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("DUPLICATE", { field });
    throw error;
  }
}

/**
 * Runs a delete and turns a foreign-key violation into a 409 IN_USE: anything a record
 * refers to is deactivated, never deleted.
 */
export async function guardInUse<T>(remove: () => Promise<T>): Promise<T> {
  try {
    return await remove();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new AppError("IN_USE");
    throw error;
  }
}

export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: number): boolean => value === 1;
