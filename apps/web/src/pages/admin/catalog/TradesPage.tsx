import type { Trade } from "@estate-desk/domain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCreateTrade, useDeleteTrade, useTrades, useUpdateTrade } from "../../../api/catalog";
import { type ActiveFilter, activeQuery } from "../../../api/types";
import { CodedCatalogPage, CodedRecordForm } from "../../../components/CodedCatalogPage";
import { useDrawerState } from "../../../components/useDrawerState";

export function TradesPage() {
  const { t } = useTranslation();
  const [active, setActive] = useState<ActiveFilter>("all");
  const trades = useTrades(activeQuery(active));
  const update = useUpdateTrade();
  const remove = useDeleteTrade();
  const drawer = useDrawerState<Trade>();

  return (
    <CodedCatalogPage<Trade>
      texts={{
        title: t("trades.title"),
        create: t("trades.create"),
        empty: t("trades.empty"),
        code: t("trades.code"),
        name: t("trades.name"),
        editTitle: t("trades.editTitle"),
        createTitle: t("trades.createTitle"),
      }}
      active={active}
      onActiveChange={setActive}
      records={trades}
      columns={[{ title: t("trades.workerCount"), dataIndex: "workerCount", width: 90, align: "right" }]}
      target={(trade) => ({
        name: trade.name,
        setActive: (value) => update.mutateAsync({ id: trade.id, active: value }),
        remove: () => remove.mutateAsync(trade.id),
      })}
      drawer={drawer}
      entityType="trade"
    >
      <TradeForm trade={drawer.record} onClose={drawer.close} />
    </CodedCatalogPage>
  );
}

interface TradeFormValues {
  code: string;
  name: string;
}

function TradeForm({ trade, onClose }: { trade: Trade | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateTrade();
  const update = useUpdateTrade();

  return (
    <CodedRecordForm<TradeFormValues>
      editing={trade !== null}
      initialValues={trade ?? undefined}
      labels={{ code: t("trades.code"), name: t("trades.name") }}
      saving={create.isPending || update.isPending}
      onSave={(values, callbacks) => {
        const input = { code: values.code.trim(), name: values.name.trim() };
        if (trade) update.mutate({ id: trade.id, ...input }, callbacks);
        else create.mutate(input, callbacks);
      }}
      onClose={onClose}
    />
  );
}
