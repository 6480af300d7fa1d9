/**
 * Where the admin's JSON editor (Monaco) is served from: this app, never a CDN. The version is
 * the exact `monaco-editor` pinned in package.json (a unit test holds them together); it is in
 * the URL so the files can be cached for good and an upgrade fetches new ones.
 */
export const MONACO_VERSION = '0.57.0'

/** The `vs` folder of monaco-editor's `min` build, as @monaco-editor/loader's `paths.vs`. */
export const MONACO_VS_PATH = `/monaco-editor/${MONACO_VERSION}/vs`
