import { changePasswordRequestSchema, loginRequestSchema, meSchema } from "@estate-desk/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { errorResponses } from "../http/openapi.js";
import { contextOf } from "./auth.plugin.js";
import { changePassword, login, type SessionSettings } from "./auth.service.js";
import { loadMe } from "./me.js";
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from "./session-cookie.js";
import { deleteSession, sessionIdOf } from "./sessions.repository.js";

export interface AuthRoutesOptions {
  db: Db;
  session: SessionSettings;
  cookieSecure: boolean;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { db, session, cookieSecure }) => {
  app.post(
    "/api/auth/login",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Sign in with user name and password; sets the session cookie",
        body: loginRequestSchema,
        response: { 200: meSchema, ...errorResponses(400, 401, 423, 429) },
      },
    },
    async (request, reply) => {
      // A new session on every sign-in, and the old one (if any) ended: no session fixation.
      const presented = request.cookies[SESSION_COOKIE];
      if (presented) await deleteSession(db, sessionIdOf(presented));
      const result = await login(db, session, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers["user-agent"]?.slice(0, 300) ?? null,
      });
      setSessionCookie(reply, result.token, result.expiresAt, cookieSecure);
      return loadMe(db, result.userId, result.csrfToken);
    },
  );

  app.post(
    "/api/auth/logout",
    {
      config: { access: "signed-in" },
      schema: { tags: ["auth"], summary: "Sign out", response: { 204: z.null(), ...errorResponses(401, 403) } },
    },
    async (request, reply) => {
      await deleteSession(db, contextOf(request).actor.sessionId);
      clearSessionCookie(reply, cookieSecure);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/auth/me",
    {
      config: { access: "signed-in" },
      schema: { tags: ["auth"], summary: "The signed-in user", response: { 200: meSchema, ...errorResponses(401) } },
    },
    async (request) => {
      const { actor } = contextOf(request);
      return loadMe(db, actor.userId, actor.csrfToken);
    },
  );

  app.post(
    "/api/auth/password",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["auth"],
        summary: "Change one's own password; ends the user's other sessions",
        body: changePasswordRequestSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await changePassword(db, contextOf(request), request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send(null);
    },
  );
};
