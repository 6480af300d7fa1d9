import { catalogRoute } from '@/catalog/catalogRoute'

export const GET = catalogRoute('packages')
