import { CurrentPasswordField as CurrentPasswordField_0a6bfe464cfde6657d37f50e5ff9e165 } from '@/admin/components/CurrentPasswordField'
import { LocalJSONField as LocalJSONField_8daec7f8944ff32c456ad6815133b38e } from '../../../admin/components/LocalJSONField'
import { StripeConnectButton as StripeConnectButton_8f0d74ca68143638215f9e7b4550dcfc } from '../../../admin/components/StripeConnectButton'
import { WatchTenantCollection as WatchTenantCollection_1d0591e3cf4f332c83a86da13a0de59a } from '@payloadcms/plugin-multi-tenant/client'
import { TenantField as TenantField_1d0591e3cf4f332c83a86da13a0de59a } from '@payloadcms/plugin-multi-tenant/client'
import { AssignTenantFieldTrigger as AssignTenantFieldTrigger_1d0591e3cf4f332c83a86da13a0de59a } from '@payloadcms/plugin-multi-tenant/client'
import { PackageFlagCell as PackageFlagCell_58a31d5d42b7030a5173f2892611f3c3 } from '../../../admin/components/PackageFlagCell'
import { ActiveCheckboxField as ActiveCheckboxField_9166173a69816e3e0e746a883582eb3e } from '../../../admin/components/ActiveCheckboxField'
import { StatusBadgeCell as StatusBadgeCell_56e412830af81e0632a4a1c3a07eef5e } from '../../../admin/components/StatusBadgeCell'
import { MoneyCell as MoneyCell_40594088f5eca4d9ecb38aa8de842de6 } from '../../../admin/components/MoneyCell'
import { PackageQuickActions as PackageQuickActions_363c6a6b9376c780e2cfa2cc2ecf3def } from '../../../admin/components/PackageQuickActions'
import { FlagBadgeCell as FlagBadgeCell_c924d2d9926be1d6bc3e0ed9d0e6ccab } from '../../../admin/components/FlagBadgeCell'
import { SeasonCell as SeasonCell_440339fb13053a4279184ef995838ffe } from '../../../admin/components/SeasonCell'
import { PromptLab as PromptLab_6bde6cfa2f1ff7c26cf7687f3d301b1d } from '../../../admin/components/PromptLab'
import { MoneyField as MoneyField_1cad12fd087e78f91842da1ae5fb7962 } from '../../../admin/components/MoneyField'
import { ModelAlertBanner as ModelAlertBanner_5c10ca88bdd91896f9edfc7a2c7286f8 } from '../../../admin/components/ModelAlertBanner'
import { AnalyticsDashboardCard as AnalyticsDashboardCard_db0fd8c1922af3529feaf00875c03827 } from '../../../admin/analytics/AnalyticsNavLink'
import { TenantSelector as TenantSelector_d6d5f193a167989e2ee7d14202901e62 } from '@payloadcms/plugin-multi-tenant/rsc'
import { AnalyticsNavLink as AnalyticsNavLink_db0fd8c1922af3529feaf00875c03827 } from '../../../admin/analytics/AnalyticsNavLink'
import { StudioSelectionProvider as StudioSelectionProvider_badc5d647ea284bb524eca4e91524850 } from '../../../admin/components/StudioSelectionProvider'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { AnalyticsView as AnalyticsView_d6ab9a8248df03e23b8348e2442c3bdc } from '../../../admin/analytics/AnalyticsView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "@/admin/components/CurrentPasswordField#CurrentPasswordField": CurrentPasswordField_0a6bfe464cfde6657d37f50e5ff9e165,
  "/admin/components/LocalJSONField#LocalJSONField": LocalJSONField_8daec7f8944ff32c456ad6815133b38e,
  "/admin/components/StripeConnectButton#StripeConnectButton": StripeConnectButton_8f0d74ca68143638215f9e7b4550dcfc,
  "@payloadcms/plugin-multi-tenant/client#WatchTenantCollection": WatchTenantCollection_1d0591e3cf4f332c83a86da13a0de59a,
  "@payloadcms/plugin-multi-tenant/client#TenantField": TenantField_1d0591e3cf4f332c83a86da13a0de59a,
  "@payloadcms/plugin-multi-tenant/client#AssignTenantFieldTrigger": AssignTenantFieldTrigger_1d0591e3cf4f332c83a86da13a0de59a,
  "/admin/components/PackageFlagCell#PackageFlagCell": PackageFlagCell_58a31d5d42b7030a5173f2892611f3c3,
  "/admin/components/ActiveCheckboxField#ActiveCheckboxField": ActiveCheckboxField_9166173a69816e3e0e746a883582eb3e,
  "/admin/components/StatusBadgeCell#StatusBadgeCell": StatusBadgeCell_56e412830af81e0632a4a1c3a07eef5e,
  "/admin/components/MoneyCell#MoneyCell": MoneyCell_40594088f5eca4d9ecb38aa8de842de6,
  "/admin/components/PackageQuickActions#PackageQuickActions": PackageQuickActions_363c6a6b9376c780e2cfa2cc2ecf3def,
  "/admin/components/FlagBadgeCell#FlagBadgeCell": FlagBadgeCell_c924d2d9926be1d6bc3e0ed9d0e6ccab,
  "/admin/components/SeasonCell#SeasonCell": SeasonCell_440339fb13053a4279184ef995838ffe,
  "/admin/components/PromptLab#PromptLab": PromptLab_6bde6cfa2f1ff7c26cf7687f3d301b1d,
  "/admin/components/MoneyField#MoneyField": MoneyField_1cad12fd087e78f91842da1ae5fb7962,
  "/admin/components/ModelAlertBanner#ModelAlertBanner": ModelAlertBanner_5c10ca88bdd91896f9edfc7a2c7286f8,
  "/admin/analytics/AnalyticsNavLink#AnalyticsDashboardCard": AnalyticsDashboardCard_db0fd8c1922af3529feaf00875c03827,
  "@payloadcms/plugin-multi-tenant/rsc#TenantSelector": TenantSelector_d6d5f193a167989e2ee7d14202901e62,
  "/admin/analytics/AnalyticsNavLink#AnalyticsNavLink": AnalyticsNavLink_db0fd8c1922af3529feaf00875c03827,
  "/admin/components/StudioSelectionProvider#StudioSelectionProvider": StudioSelectionProvider_badc5d647ea284bb524eca4e91524850,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "/admin/analytics/AnalyticsView#AnalyticsView": AnalyticsView_d6ab9a8248df03e23b8348e2442c3bdc,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
