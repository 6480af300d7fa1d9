/**
 * Faces: the models (loaded once per process), detection with a descriptor per face, cosine
 * similarity, and the rules that turn a scan into an upload's quality score or a portrait's likeness.
 */
export { type DetectedFace, DETECT_EDGE_PX, detectFaces, type FaceScan } from './detect'
export { FaceEngineUnavailable, faceEngine } from './engine'
export { scanRgb, startFaceEngine } from './inference'
export { bestSimilarity, cosineSimilarity } from './similarity'
export {
  DEFAULT_LIKENESS_RETRIES,
  DEFAULT_LIKENESS_THRESHOLD,
  likenessFailure,
  type LikenessResult,
  type LikenessTarget,
  likenessTarget,
  type ReferenceFaces,
  scoreLikeness,
} from './likeness'
export { type FaceRefusalReason, type FaceRules, type FaceVerdict, judgeFaces } from './quality'
export { FACES_FOR_ROLE, MIN_FACE_SHARPNESS, ROLE_SHOWS } from './roles'
export {
  CHECKED_UPLOAD,
  type CheckedUpload,
  checkUploadFaces,
  type UploadFaces,
  uploadRole,
} from './uploadCheck'
