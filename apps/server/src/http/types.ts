import type { Access, Actor } from "../auth/actor.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user, or null for anonymous requests (set by the auth plugin). */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** What the route needs: every `/api` route declares it, or the server refuses to start. */
    access?: Access;
  }
}
