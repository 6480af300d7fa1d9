/** Decodes Stripe's form encoding (`a[b][0][c]=v`) into nested objects and arrays. */
export const parseStripeForm = (raw: string): Record<string, any> => {
  const root: Record<string, any> = {}
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.replace(/\]/g, '').split('[')
    let node: any = root
    path.forEach((segment, index) => {
      const last = index === path.length - 1
      const nextIsIndex = !last && /^\d+$/.test(path[index + 1])
      if (last) node[segment] = value
      else node = node[segment] ??= nextIsIndex ? [] : {}
    })
  }
  return root
}
