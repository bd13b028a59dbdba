/** Whether two reports are of one problem — a citizen's complaint or a staff member's hazard — answered as people answer it. */
export const SAYS_SAME =
  /^(?:是|是的|对|对的|嗯|嗯嗯|没错|同一个|是同一个|是同一个问题|就是(?:那个|它|同一个)?|一样的?|同一处|同一问题|是一个)[。！!~～\s]*$/
export const SAYS_OTHER =
  /^(?:否|不是|不|不是同一个|不是一个|不一样|不同|另一个|另外一个|是另一个|另外的|两回事|不是同一处)[。！!~～\s]*$|^(?:不是|不|不一样)[，,\s]*(?:是|这是|这个是)?(?:另一|另外|别的|其他|新的)[^，,。]{0,6}[。！!~～\s]*$/
