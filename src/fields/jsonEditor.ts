import type { CollectionConfig, Field } from 'payload'

/** Payload's JSON field, its editor (Monaco) loaded from this app instead of a CDN. */
export const LOCAL_JSON_FIELD = '/admin/components/LocalJSONField#LocalJSONField'

const withEditor = (field: Field): Field => {
  if (field.type === 'json') {
    if (field.admin?.components?.Field !== undefined) return field
    return {
      ...field,
      admin: { ...field.admin, components: { ...field.admin?.components, Field: LOCAL_JSON_FIELD } },
    }
  }
  if (field.type === 'tabs')
    return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: tab.fields.map(withEditor) })) }
  if (field.type === 'blocks')
    return {
      ...field,
      blocks: field.blocks.map((block) => ({ ...block, fields: block.fields.map(withEditor) })),
    }
  if ('fields' in field) return { ...field, fields: field.fields.map(withEditor) } as Field
  return field
}

/**
 * Every JSON field of a collection, nested ones included, edited with LocalJSONField unless it
 * has a Field component of its own: Payload's default editor loads Monaco from
 * cdn.jsdelivr.net, which an offline or firewalled admin cannot reach. Admin rendering only;
 * the schema and the API do not change.
 */
export const withLocalJsonEditor = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  fields: collection.fields.map(withEditor),
})
