import {
  ArrowLeftOutlined,
  EditOutlined,
  LinkOutlined,
  PlusOutlined,
  QrcodeOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import type { Building, Unit } from "@estate-desk/domain";
import { Button, Card, Col, Descriptions, Dropdown, Empty, Input, Row, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "../../../api/errors";
import {
  useBuildings,
  useDeleteBuilding,
  useDeleteUnit,
  useEstate,
  useUnitList,
  useUpdateBuilding,
  useUpdateUnit,
} from "../../../api/places";
import { useMe } from "../../../api/session";
import { can } from "../../../auth/permissions";
import { ActiveTag } from "../../../components/ActiveTag";
import { useErrorText } from "../../../components/feedback";
import { LoadMore } from "../../../components/LoadMore";
import { PageLoading } from "../../../components/PageLoading";
import { LoadErrorResult, NotFoundResult } from "../../../components/Results";
import { RowActions } from "../../../components/RowActions";
import { useRecordActions } from "../../../components/recordActions";
import { useDrawerState } from "../../../components/useDrawerState";
import { BuildingFormDrawer } from "./BuildingFormDrawer";
import { EstateFormDrawer } from "./EstateFormDrawer";
import { UnitFormDrawer } from "./UnitFormDrawer";
import { UnitImportModal } from "./UnitImportModal";

/** One estate: its details, its buildings, and the units of the chosen building. */
export function EstateDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data: me } = useMe();
  const errorText = useErrorText();
  const canManage = can(me, "estates.manage");
  const estate = useEstate(id);
  const estateDrawer = useDrawerState<true>();
  const [importOpen, setImportOpen] = useState(false);

  if (estate.isPending) return <PageLoading />;
  if (estate.isError) {
    return estate.error instanceof ApiError && estate.error.status === 404 ? (
      <NotFoundResult homePath="/admin/estates" />
    ) : (
      <LoadErrorResult message={errorText(estate.error)} onRetry={() => void estate.refetch()} />
    );
  }
  const data = estate.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <div className="page-toolbar" style={{ marginBottom: 0 }}>
        <Link to="/admin/estates" aria-label={t("common.back")}>
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {data.name}
        </Typography.Title>
        <Typography.Text type="secondary">{data.code}</Typography.Text>
        <ActiveTag active={data.active} />
        <span className="page-toolbar-spacer" />
        <a href={`/e/${data.publicCode}`} target="_blank" rel="noreferrer">
          <LinkOutlined /> {t("estates.publicPage")}
        </a>
        <a href={`/e/${data.publicCode}?poster=1`} target="_blank" rel="noreferrer">
          <QrcodeOutlined /> {t("estates.qrPoster")}
        </a>
        {canManage ? (
          <>
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              {t("unitImport.button")}
            </Button>
            <Button icon={<EditOutlined />} onClick={() => estateDrawer.openWith(true)}>
              {t("common.edit")}
            </Button>
          </>
        ) : (
          <Button onClick={() => estateDrawer.openWith(true)}>{t("common.details")}</Button>
        )}
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: "complaint", label: t("estates.complaintHotline"), children: data.complaintHotline },
            { key: "repair", label: t("estates.repairHotline"), children: data.repairHotline },
            { key: "reception", label: t("estates.receptionAddress"), children: data.receptionAddress },
            { key: "address", label: t("estates.address"), children: data.address ?? "—" },
          ]}
        />
      </Card>
      <BuildingsAndUnits estateId={data.id} canManage={canManage} />
      <EstateFormDrawer open={estateDrawer.open} estate={data} readOnly={!canManage} onClose={estateDrawer.close} />
      {canManage ? <UnitImportModal open={importOpen} estateId={data.id} onClose={() => setImportOpen(false)} /> : null}
    </Space>
  );
}

function BuildingsAndUnits({ estateId, canManage }: { estateId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const buildings = useBuildings(estateId);
  const updateBuilding = useUpdateBuilding();
  const deleteBuilding = useDeleteBuilding();
  const actions = useRecordActions();
  const drawer = useDrawerState<Building>();
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const list = buildings.data ?? [];
  // Default to the first building so the units pane is never empty for no reason.
  const selected = list.find((building) => building.id === selectedId) ?? list[0] ?? null;

  const recordActions = (building: Building) => ({
    name: building.name,
    setActive: (active: boolean) => updateBuilding.mutateAsync({ id: building.id, active }),
    remove: () => deleteBuilding.mutateAsync(building.id),
  });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9} xl={8}>
        <Card
          title={t("buildings.title")}
          size="small"
          extra={
            canManage ? (
              <Button size="small" icon={<PlusOutlined />} onClick={() => drawer.openWith(null)}>
                {t("buildings.create")}
              </Button>
            ) : null
          }
        >
          {buildings.isError ? <Typography.Text type="danger">{errorText(buildings.error)}</Typography.Text> : null}
          <Table<Building>
            size="small"
            rowKey="id"
            loading={buildings.isPending}
            dataSource={list}
            pagination={false}
            locale={{ emptyText: <Empty description={t("buildings.empty")} /> }}
            rowSelection={{
              type: "radio",
              selectedRowKeys: selected ? [selected.id] : [],
              onChange: (keys) => setSelectedId(typeof keys[0] === "string" ? keys[0] : null),
              columnTitle: "",
            }}
            onRow={(building) => ({ onClick: () => setSelectedId(building.id), style: { cursor: "pointer" } })}
            columns={[
              {
                title: t("buildings.name"),
                dataIndex: "name",
                render: (name: string, building) => (
                  <Space size={4}>
                    {name}
                    {building.active ? null : <ActiveTag active={false} />}
                  </Space>
                ),
              },
              { title: t("buildings.unitCount"), dataIndex: "unitCount", width: 70, align: "right" },
              {
                title: t("common.actions"),
                key: "actions",
                width: 90,
                render: (_value, building) =>
                  canManage ? (
                    <Dropdown
                      trigger={["click"]}
                      menu={{
                        items: [
                          { key: "edit", label: t("common.edit") },
                          building.active
                            ? { key: "deactivate", label: t("common.deactivate") }
                            : { key: "reactivate", label: t("common.reactivate") },
                          { key: "delete", label: t("common.delete"), danger: true },
                        ],
                        onClick: ({ key, domEvent }) => {
                          domEvent.stopPropagation();
                          if (key === "edit") drawer.openWith(building);
                          else if (key === "deactivate") actions.deactivate(recordActions(building));
                          else if (key === "reactivate") void actions.reactivate(recordActions(building));
                          else if (key === "delete") actions.remove(recordActions(building));
                        },
                      }}
                    >
                      <Button type="link" size="small" onClick={(event) => event.stopPropagation()}>
                        {t("common.more")}
                      </Button>
                    </Dropdown>
                  ) : (
                    <Button
                      type="link"
                      size="small"
                      onClick={(event) => {
                        event.stopPropagation();
                        drawer.openWith(building);
                      }}
                    >
                      {t("common.details")}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16}>
        {selected ? (
          <UnitsPane key={selected.id} building={selected} canManage={canManage} />
        ) : (
          <Card size="small" title={t("units.title")}>
            <Empty description={t("units.pickBuilding")} />
          </Card>
        )}
      </Col>
      <BuildingFormDrawer
        open={drawer.open}
        estateId={estateId}
        building={drawer.record}
        readOnly={!canManage}
        onClose={drawer.close}
        onCreated={(building) => setSelectedId(building.id)}
      />
    </Row>
  );
}

function UnitsPane({ building, canManage }: { building: Building; canManage: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [q, setQ] = useState("");
  const units = useUnitList({ buildingId: building.id, q });
  const updateUnit = useUpdateUnit();
  const deleteUnit = useDeleteUnit();
  const actions = useRecordActions();
  const drawer = useDrawerState<Unit>();

  const recordActions = (unit: Unit) => ({
    name: unit.label,
    setActive: (active: boolean) => updateUnit.mutateAsync({ id: unit.id, active }),
    remove: () => deleteUnit.mutateAsync(unit.id),
  });

  return (
    <Card
      size="small"
      title={t("units.ofBuilding", { building: building.name })}
      extra={
        <Space wrap>
          <Input.Search
            size="small"
            allowClear
            placeholder={t("units.searchPlaceholder")}
            aria-label={t("units.searchPlaceholder")}
            onSearch={(value) => setQ(value.trim())}
            style={{ width: 180 }}
          />
          {canManage ? (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => drawer.openWith(null)}>
              {t("units.create")}
            </Button>
          ) : null}
        </Space>
      }
    >
      {units.isError ? <Typography.Text type="danger">{errorText(units.error)}</Typography.Text> : null}
      <Table<Unit>
        size="small"
        rowKey="id"
        loading={units.isPending}
        dataSource={units.items}
        pagination={false}
        locale={{ emptyText: <Empty description={t("units.empty")} /> }}
        columns={[
          { title: t("units.number"), dataIndex: "number" },
          { title: t("units.floor"), dataIndex: "floor", width: 80, render: (floor: number | null) => floor ?? "—" },
          {
            title: t("units.area"),
            dataIndex: "areaSquareMetres",
            width: 110,
            align: "right",
            render: (area: number | null) => area ?? "—",
          },
          {
            title: t("common.status"),
            dataIndex: "active",
            width: 90,
            render: (value: boolean) => <ActiveTag active={value} />,
          },
          {
            title: t("common.actions"),
            key: "actions",
            width: 140,
            render: (_value, unit) => (
              <RowActions
                active={unit.active}
                canManage={canManage}
                target={recordActions(unit)}
                actions={actions}
                onOpen={() => drawer.openWith(unit)}
              />
            ),
          },
        ]}
      />
      <LoadMore
        count={units.items.length}
        hasNextPage={units.hasNextPage}
        loading={units.isFetchingNextPage}
        onLoadMore={() => void units.fetchNextPage()}
      />
      <UnitFormDrawer
        open={drawer.open}
        buildingId={building.id}
        buildingName={building.name}
        unit={drawer.record}
        readOnly={!canManage}
        onClose={drawer.close}
      />
    </Card>
  );
}
