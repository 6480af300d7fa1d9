import { catalogRoute } from '@/catalog/catalogRoute'

export const GET = catalogRoute('pricing')
