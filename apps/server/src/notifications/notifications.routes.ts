import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../db/database.js";

export const notificationsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async () => {};
