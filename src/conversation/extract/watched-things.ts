/**
 * The things patrols look at, by the names people use for them in a sentence about one (「那个井盖」「护栏修好了没」
 * 「井盖」 alone): narrower than a statement's things, which include parts and materials. Longer names first.
 */
const NAMES =
  '燃气管道|燃气表|下水道|排水沟|下水管|排水管|雨水口|窨井|行道树|消防栓|消火栓|伸缩缝|脚手架|警示牌|标志牌|广告牌|人行道|楼道灯|大树|井盖|护栏|栏杆|路灯|电梯|围挡|路面|管道|塔吊|基坑|盖板|台阶|扶手|电线|水管|阀门|危房|外墙|桥梁|树'

/** The first watched thing a sentence names. */
export const WATCHED_THING = new RegExp(NAMES)

/** A watched thing (or a site or bridge) said alone, a question mark or a full stop aside. */
const ALONE = new RegExp(`^(?:${NAMES}|工地|桥)[。！!？?]*$`)

export function namesAThingAlone(input: string): boolean {
  return ALONE.test(input)
}

/**
 * Whether two reports may be of one problem by what they name: a manhole cover and a street lamp on the same
 * corner are two problems, whatever the address and the category say. A report that names no watched thing
 * may be the other one.
 */
export function mayBeSameThing(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = a ? WATCHED_THING.exec(a)?.[0] : undefined
  const right = b ? WATCHED_THING.exec(b)?.[0] : undefined
  return !left || !right || left === right
}
