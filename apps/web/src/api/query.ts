import {
  type QueryKey,
  type UseMutationResult,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { apiGet, type QueryValue } from "./client";
import type { Page } from "./types";

/**
 * A cursor-paged list shown with a "load more" button; the filters are part of the key so
 * changing one starts again from the first page.
 */
export function usePagedList<T>(key: QueryKey, path: string, params: Record<string, QueryValue>, enabled = true) {
  const query = useInfiniteQuery({
    queryKey: [...key, params],
    queryFn: ({ pageParam, signal }) => apiGet<Page<T>>(path, { ...params, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...query, items };
}

/** Every item of a paged list, for pickers over small sets (estates of an organisation). */
export async function fetchAllPages<T>(
  path: string,
  params: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  // A hard stop keeps a server bug from looping forever; 50 pages × 200 is far beyond any picker.
  for (let page = 0; page < 50; page++) {
    const result = await apiGet<Page<T>>(path, { ...params, cursor, limit: 200 }, signal);
    items.push(...result.items);
    if (result.nextCursor === null) break;
    cursor = result.nextCursor;
  }
  return items;
}

/** A write that refreshes the lists and records it changes once it succeeds. */
export function useApiMutation<TVariables, TResult>(
  mutationFn: (variables: TVariables) => Promise<TResult>,
  invalidate: readonly QueryKey[],
): UseMutationResult<TResult, Error, TVariables> {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}
