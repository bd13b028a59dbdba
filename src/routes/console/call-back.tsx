import type { ConsoleViewer } from '../../app-env'
import { callBackOf, mayCallBack } from '../../domain/call-back'
import { maskName, maskPhone } from '../../domain/privacy'
import type { ComplaintRow } from '../../services/complaints'

/**
 * The citizen's number on a complaint's page: in full for those handling it (domain/call-back.ts), so the call
 * back they asked for can be made; masked for everyone else who may open the page.
 */
export function CallBackLine(props: { complaint: ComplaintRow; viewer: ConsoleViewer }) {
  const callBack = callBackOf(props.complaint)
  if (callBack.kind === 'whistleblower') return <p class="meta">举报人信息保密。</p>
  if (callBack.kind === 'no_call') return <p class="meta">市民未留电话，不需要电话联系。</p>
  const handling = mayCallBack(props.viewer, props.complaint.unitId)
  const name = callBack.name ? `（${handling ? callBack.name : maskName(callBack.name)}）` : ''
  return (
    <p>
      市民希望电话联系：{handling ? callBack.phone : maskPhone(callBack.phone)}
      {name}
    </p>
  )
}
