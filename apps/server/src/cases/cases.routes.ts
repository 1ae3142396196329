import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";

export const casesRoutes: FastifyPluginAsyncZod<{ db: Db; files: FileStore }> = async () => {};
