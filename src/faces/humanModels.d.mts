import type { Human } from '@vladmandic/human'

export interface HumanPaths {
  /** Path of @vladmandic/human's dist/human.node-wasm.js. */
  humanFile: string
  /** file:// URL of @tensorflow/tfjs-backend-wasm's dist/, ending in /. */
  wasmPath: string
  /** file:// URL of the models' folder, ending in /. */
  modelBasePath: string
}

export interface RgbFace {
  box: [number, number, number, number]
  score: number
  embedding: number[]
}

export function loadHuman(paths: HumanPaths): Promise<Human>
export function detectRgb(
  human: Human,
  data: Uint8Array,
  width: number,
  height: number,
): Promise<{ faces: RgbFace[]; ms: number }>
