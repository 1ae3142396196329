import type { Me } from "@estate-desk/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPost, apiRequest, setCsrfToken } from "./client";
import { ApiError } from "./errors";

export const ME_KEY = ["me"] as const;

/** The signed-in user, or null when nobody is signed in. */
async function fetchMe(signal: AbortSignal): Promise<Me | null> {
  try {
    const me = await apiRequest<Me>("GET", "/api/auth/me", { signal, expectUnauthenticated: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: ({ signal }) => fetchMe(signal), staleTime: Number.POSITIVE_INFINITY });
}

export interface LoginInput {
  username: string;
  password: string;
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      apiRequest<Me>("POST", "/api/auth/login", { body: input, expectUnauthenticated: true }),
    onSuccess: (me) => {
      // A new user may see different data: nothing cached for the previous one may leak.
      client.clear();
      setCsrfToken(me.csrfToken);
      client.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<void>("/api/auth/logout"),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  });
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export function useChangePassword() {
  return useMutation({ mutationFn: (input: ChangePasswordInput) => apiPost<void>("/api/auth/password", input) });
}

export function useSetupStatus() {
  return useQuery({
    queryKey: ["setup"],
    queryFn: ({ signal }) => apiGet<{ needsSetup: boolean }>("/api/setup", undefined, signal),
    staleTime: 60_000,
  });
}

export interface SetupInput {
  organisation: { code: string; name: string; timeZone: string };
  admin: { username: string; displayName: string; password: string };
}

export function useSetup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => apiPost<unknown>("/api/setup", input),
    onSuccess: () => client.setQueryData(["setup"], { needsSetup: false }),
  });
}
