import { APIError, type CollectionBeforeDeleteHook } from 'payload'

/** A bundle must keep 2+ real packages, so a package in a bundle cannot be deleted from under it. */
export const refuseDeleteWhileBundled: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { docs } = await req.payload.find({
    collection: 'package-bundles',
    where: { 'items.package': { equals: id } },
    select: { name: true },
    limit: 5,
    depth: 0,
    req,
    overrideAccess: true,
  })
  if (docs.length === 0) return
  const names = docs.map((bundle) => `"${bundle.name}"`).join(', ')
  throw new APIError(
    `This package is part of the bundle(s) ${names}. Remove it from them, or delete them, first.`,
    409,
    undefined,
    true,
  )
}
