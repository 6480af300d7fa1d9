import decodeHeic from 'heic-decode'

/**
 * Decodes an HEVC-coded HEIC (iPhone photo) to raw RGBA with libheif compiled to WASM
 * (heic-decode): the bundled libvips reads HEIC headers but has no HEVC decoder. libheif
 * applies the file's rotation and mirroring. Only the primary image is decoded.
 */
export const decodeHeicToRaw = async (
  bytes: Buffer,
): Promise<{ data: Buffer; width: number; height: number; channels: 4 }> => {
  const image = await decodeHeic({ buffer: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) })
  return {
    data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    width: image.width,
    height: image.height,
    channels: 4,
  }
}
