import { Button } from "antd";
import { useTranslation } from "react-i18next";

interface LoadMoreProps {
  count: number;
  hasNextPage: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** Keyset paging: the next page is appended, so there is no page number to jump to. */
export function LoadMore({ count, hasNextPage, loading, onLoadMore }: LoadMoreProps) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <div className="load-more">
      <span>{t("common.loadedCount", { count })}</span>
      {hasNextPage ? (
        <Button onClick={onLoadMore} loading={loading}>
          {t("common.loadMore")}
        </Button>
      ) : (
        <span>{t("common.noMore")}</span>
      )}
    </div>
  );
}

interface PagedList {
  items: readonly unknown[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** The "load more" footer of a list from usePagedList. */
export function PagedListMore({ list }: { list: PagedList }) {
  return (
    <LoadMore
      count={list.items.length}
      hasNextPage={list.hasNextPage}
      loading={list.isFetchingNextPage}
      onLoadMore={() => void list.fetchNextPage()}
    />
  );
}
