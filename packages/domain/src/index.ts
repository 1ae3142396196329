export * from "./auth.js";
export * from "./errors.js";
export * from "./labels.js";
export * from "./org.js";
export * from "./org-catalog.js";
export * from "./org-people.js";
export * from "./org-places.js";
export * from "./roles.js";
