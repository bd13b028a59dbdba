/**
 * Prompt for extracting form fields from one chat message. Version-controlled with the code; bundled as a
 * module (not read from disk) so every runtime carries it. Bump PROMPT_VERSION when the wording changes.
 */
export const EXTRACT_PROMPT_VERSION = 'extract-v2'

const FORM_GUIDES = {
  patrol: `日巡查工作记录。字段：startedAt/endedAt（巡查起止时间，ISO 8601 带时区偏移）、area（巡查路段或项目）、
patrollers（巡查人员，用顿号分隔）、staffCount（出动人次，整数）、vehicleCount（出动车次，整数，步行为0）、
hazards（发现的隐患数组，每条隐患表述一项，含 description、category、level、locationText、count；count 为该条涉及的处数，
如“井盖破损2处”为 2，未说明为 1；“发现隐患4处，其中井盖缺失2处、路面坑槽2处”是两项各 2 处，不要重复计数；
明确说未发现隐患、一切正常时为空数组）、
handlingResult（现场处置情况）、teamLeader（带队人）。`,
  hazard: `上报隐患。字段：description（隐患描述）、category、level（general 一般 / major 重大）、locationText（地点）。`,
  complaint: `市民投诉举报。字段：description（问题描述）、category、locationText（地点）、phone（手机号，11位）。`,
} as const

export type PromptForm = keyof typeof FORM_GUIDES

export function extractionPrompt(form: PromptForm, context: { nowLocal: string; timeZone: string; categories: string }): string {
  return [
    '你是城市住建局安全巡查系统的信息抽取助手。从用户的一条中文消息中抽取表单字段。',
    FORM_GUIDES[form],
    `category 只能取以下值之一：${context.categories}。`,
    `当前时间是 ${context.nowLocal}（时区 ${context.timeZone}）。“今天”“昨天”“上午”等相对时间据此换算为绝对时间。`,
    '只输出一个 JSON 对象，不要解释。消息中没有提到的字段不要输出，不要猜测。',
  ].join('\n')
}
