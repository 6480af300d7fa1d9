import { catalogRoute } from '@/next/catalogRoute'

export const GET = catalogRoute('packages')
