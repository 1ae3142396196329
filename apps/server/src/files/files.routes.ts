import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../db/database.js";
import type { FileStore } from "./file-store.js";

export const filesRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore }> = async () => {};
