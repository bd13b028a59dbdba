import { DIGEST_PROMPT } from '../../prompts/digest'
import type { LlmSettings } from '../conversation/extract/llm'
import type { DigestData } from './digest'
import { textCompleter } from './llm-text'

/** An optional LLM headline for the digest; any failure simply leaves it out. */
export type DigestSummariser = (data: DigestData) => Promise<string | undefined>

export function llmDigestSummariser(settings: LlmSettings): DigestSummariser {
  const complete = textCompleter(settings)
  return async (data) => {
    const line = (await complete(DIGEST_PROMPT, JSON.stringify({ ...data, summaryLine: undefined })))?.split('\n')[0]
    return line && line.length <= 120 ? line : undefined
  }
}
