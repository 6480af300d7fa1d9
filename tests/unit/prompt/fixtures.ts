import type { PromptPackage, PromptTheme } from '@/prompt'

/** A package that uses every kind of generation instruction. */
export const weddingPackage: PromptPackage = {
  name: 'Wedding Portraits',
  basePromptTemplate: null,
  generationInstructions: {
    prefix: 'Fine wedding photography for {packageName}.',
    suffix: 'One of {imageCount} variations.',
    avoid: ['extra people', 'cartoon look.'],
    portraitTypes: {
      couple: 'Both faces clearly visible.',
      family: 'All {familyMemberCount} people in focus.',
    },
  },
  imagesPerGeneration: 3,
}

export const gardenTheme: PromptTheme = {
  name: 'Garden Romance',
  description: 'Roses everywhere.',
  settingPrompt: 'a rose garden arranged for a {portraitType} portrait.',
  clothingPrompt: 'an ivory gown and a light grey suit',
  atmospherePrompt: 'romantic and tender',
  technicalPrompt: '85mm lens at f/1.8, golden hour',
  styleModifiers: ['fine-art', ' pastel tones. ', ''],
}
